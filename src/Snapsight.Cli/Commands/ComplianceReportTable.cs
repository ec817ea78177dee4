using System.Globalization;
using Snapsight.Compliance.Assessment;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>
/// The human-readable compliance report: what was evaluated and the score, then the rules that
/// need attention (failed, then those that could not be decided, each with its reason), most
/// severe first, each with its reason when it has one, and a count of every result.
/// </summary>
internal static class ComplianceReportTable
{
    private static readonly string[] SeverityOrder = ["high", "medium", "low", "info", "unknown"];

    public static void Write(TextWriter output, ComplianceReport report)
    {
        var assessment = report.Assessment;
        output.WriteLine($"{report.Target}: {assessment.Benchmark.Title} ({report.DataStream})");
        output.WriteLine($"profile: {assessment.Profile?.Title ?? "the benchmark's default selection"}{(assessment.Profile is { } p ? $" [{p.Id}]" : "")}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"score: {assessment.Score:0.0} / 100"));
        foreach (var (result, heading) in new[] { (RuleResult.Fail, "FAILED"), (RuleResult.Error, "ERROR"), (RuleResult.Unknown, "UNKNOWN"), (RuleResult.NotChecked, "NOT CHECKED") })
        {
            var rules = assessment.Rules.Where(r => r.Result == result).OrderBy(r => Rank(r.Rule.Severity)).ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine($"{heading} ({rules.Count})");
            foreach (var rule in rules)
            {
                // The evidence lists every item the checks reached, not only the wrong ones: it is in json and xccdf, not here.
                output.WriteLine($"  {rule.Rule.Severity,-7} {ShortId(rule.Rule.Id)}  {rule.Rule.Title}{(rule.Reason is null ? "" : "  — " + rule.Reason)}");
            }
        }

        output.WriteLine();
        var counts = Enum.GetValues<RuleResult>().Where(r => r != RuleResult.NotSelected).Select(r => $"{RuleResultNames.Of(r)} {assessment.Count(r)}");
        output.WriteLine($"{assessment.Selected.Count()} rules: {string.Join(", ", counts)}");
    }

    private static int Rank(string severity) => Array.IndexOf(SeverityOrder, severity) is var i and >= 0 ? i : SeverityOrder.Length;

    /// <summary>The rule id without the Security Guide's long prefix, which every rule shares.</summary>
    private static string ShortId(string id) => id.Split("_rule_") is [_, var tail] ? tail : id;
}
