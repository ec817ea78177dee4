using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.Assessment;

/// <summary>
/// XCCDF 1.2's default scoring model (section 7.3.2): a rule that counts scores 100 when it
/// passes and 0 otherwise; a group scores the weighted mean of its children that count, and
/// counts only if one does; the benchmark's score is that of its top level. Rules that are not
/// selected, not applicable, not checked or informational do not count.
/// </summary>
public static class DefaultScore
{
    public static double Of(Benchmark benchmark, IReadOnlyDictionary<string, RuleResult> results) =>
        Level(benchmark.Rules, benchmark.Groups, results) ?? 0;

    /// <summary>The weighted mean of the rules and groups that count, or null when none does.</summary>
    private static double? Level(IReadOnlyList<Rule> rules, IReadOnlyList<Group> groups, IReadOnlyDictionary<string, RuleResult> results)
    {
        double sum = 0, weights = 0;
        var counted = false;
        foreach (var rule in rules)
        {
            if (RuleScore(results.GetValueOrDefault(rule.Id, RuleResult.NotSelected)) is { } score)
            {
                (sum, weights, counted) = (sum + (score * rule.Weight), weights + rule.Weight, true);
            }
        }

        foreach (var group in groups)
        {
            if (Level(group.Rules, group.Groups, results) is { } score)
            {
                (sum, weights, counted) = (sum + (score * group.Weight), weights + group.Weight, true);
            }
        }

        return !counted ? null : weights == 0 ? 0 : sum / weights;
    }

    private static double? RuleScore(RuleResult result) => result switch
    {
        RuleResult.NotSelected or RuleResult.NotApplicable or RuleResult.NotChecked or RuleResult.Informational => null,
        RuleResult.Pass => 100,
        _ => 0,
    };
}
