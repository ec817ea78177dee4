using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.Assessment;

/// <summary>
/// How rule results, applicability and the score follow from the XCCDF 1.2 specification, on
/// <see cref="AssessmentDataStream"/>. Each expectation says which part of the specification
/// (or of SCAP 1.3, NIST SP 800-126r3) decides it.
/// </summary>
public sealed class AssessmentTests : IDisposable
{
    private const string Strict = "xccdf_t_profile_strict";

    private readonly TempDirectory root = new();

    public AssessmentTests()
    {
        Directory.CreateDirectory(root.File("etc"));
        File.WriteAllText(root.File("etc/a"), "");
        File.WriteAllText(root.File("etc/release"), "os 1\n");
        File.WriteAllText(root.File("etc/conf"), "x=2\n");
    }

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Each_rule_gets_the_result_the_specifications_give_it()
    {
        var results = (await EvaluateAsync(Strict)).Rules.ToDictionary(r => r.Rule.Id[("xccdf_t_rule_".Length)..], r => r.Result);

        Assert.Equal(RuleResult.Pass, results["pass"]); // a compliance definition that is true passes (SP 800-126r3, table 8)
        Assert.Equal(RuleResult.Fail, results["fail"]);
        Assert.Equal(RuleResult.Pass, results["negated"]); // check negate="true" swaps pass and fail (XCCDF 1.2, 6.4.4.2)
        Assert.Equal(RuleResult.Fail, results["vulnerable"]); // a vulnerability definition that is true means the system is vulnerable
        Assert.Equal(RuleResult.NotChecked, results["manual"]); // no check system we support: notchecked (XCCDF 1.2, 7.2.3.4)
        Assert.Equal(RuleResult.NotChecked, results["remote"]); // content outside the document is never fetched
        Assert.Equal(RuleResult.NotApplicable, results["not_applicable"]); // its only platform does not hold (7.2.3.1)
        Assert.Equal(RuleResult.Fail, results["applicable"]); // the negated platform holds, so the rule is checked
        Assert.Equal(RuleResult.NotChecked, results["running"]); // sysctl needs a running system: never guessed
        Assert.Equal(RuleResult.Pass, results["value"]); // the profile refines x to "2", exported to the OVAL variable
        Assert.Equal(RuleResult.NotSelected, results["unselected"]); // the profile deselects it
    }

    [Fact]
    public async Task Reasons_and_evidence_say_what_decided()
    {
        var rules = (await EvaluateAsync(Strict)).Rules.ToDictionary(r => r.Rule.Id, StringComparer.Ordinal);

        Assert.Equal("needs a running system", rules["xccdf_t_rule_running"].Reason);
        Assert.Contains("https://example.org/cves.xml", rules["xccdf_t_rule_remote"].Reason, StringComparison.Ordinal);
        Assert.Contains(rules["xccdf_t_rule_value"].Evidence, e => e.StartsWith("/etc/conf", StringComparison.Ordinal));
        Assert.Contains(rules["xccdf_t_rule_pass"].Evidence, e => e.Contains("/etc/a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_default_selection_uses_the_values_defaults()
    {
        var results = (await EvaluateAsync(null)).Rules.ToDictionary(r => r.Rule.Id, r => r.Result);

        Assert.Equal(RuleResult.Fail, results["xccdf_t_rule_value"]); // x defaults to "1"; /etc/conf says 2
        Assert.Equal(RuleResult.Pass, results["xccdf_t_rule_unselected"]); // selected unless a profile says otherwise
    }

    [Fact]
    public async Task The_score_is_the_default_models_weighted_mean_over_the_tree()
    {
        // XCCDF 1.2, 7.3.2: the group scores (100 + 0) / 2 = 50; at the top level it counts as one child
        // beside negated 100, vulnerable 0, applicable 0 and value 100; notchecked, notapplicable and
        // notselected rules do not count: (50 + 100 + 0 + 0 + 100) / 5 = 50.
        Assert.Equal(50, (await EvaluateAsync(Strict)).Score, 6);

        // Default selection: value fails (0) and unselected passes (100): (50 + 100 + 0 + 0 + 0 + 100) / 6.
        Assert.Equal(250.0 / 6, (await EvaluateAsync(null)).Score, 6);
    }

    [Fact]
    public async Task On_a_system_the_benchmark_is_not_for_every_rule_is_not_applicable()
    {
        File.WriteAllText(root.File("etc/release"), "os 2\n");

        var assessment = await EvaluateAsync(Strict);

        Assert.All(assessment.Selected, r => Assert.Equal(RuleResult.NotApplicable, r.Result));
        Assert.Equal(0, assessment.Score);
    }

    [Fact]
    public async Task Only_the_rules_asked_for_are_evaluated()
    {
        var assessment = await EvaluateAsync(Strict, new HashSet<string> { "xccdf_t_rule_pass" });

        Assert.Equal(["xccdf_t_rule_pass"], assessment.Selected.Select(r => r.Rule.Id));
        Assert.Equal(100, assessment.Score);
    }

    [Fact]
    public async Task Platforms_nested_as_deep_as_the_reader_allows_evaluate_within_the_hostile_input_bar()
    {
        // 100 logical tests, each negating the one inside, around the "not_never" test (true): an even
        // number of negations keeps it true, so the rule is checked (and fails: /etc/missing is missing).
        const int depth = 100;
        var inner = """<cpe-lang:logical-test operator="AND" negate="true"><cpe-lang:fact-ref name="cpe:/a:never"/></cpe-lang:logical-test>""";
        var nested = string.Concat(Enumerable.Repeat("""<cpe-lang:logical-test operator="OR" negate="true">""", depth)) + inner + string.Concat(Enumerable.Repeat("</cpe-lang:logical-test>", depth));
        var text = AssessmentDataStream.Text.Replace(inner, nested, StringComparison.Ordinal);
        ComplianceAssessment? assessment = null;

        Assert.Null(HostileInput.Run(async _ => assessment = await EvaluateAsync(Strict, text: text)));

        Assert.Equal(RuleResult.Fail, assessment!.Rules.Single(r => r.Rule.Id == "xccdf_t_rule_applicable").Result);
    }

    [Fact]
    public async Task A_platform_that_names_itself_is_a_cpe_name_nobody_has_not_a_loop()
    {
        // cpe-lang: a fact-ref names a CPE name, never a platform; "#never" is in no dictionary, so it does not hold.
        var text = AssessmentDataStream.Text.Replace("""<cpe-lang:fact-ref name="cpe:/a:never"/>""", """<cpe-lang:fact-ref name="#never"/>""", StringComparison.Ordinal);
        ComplianceAssessment? assessment = null;

        Assert.Null(HostileInput.Run(async _ => assessment = await EvaluateAsync(Strict, text: text)));

        var results = assessment!.Rules.ToDictionary(r => r.Rule.Id, r => r.Result);
        Assert.Equal(RuleResult.NotApplicable, results["xccdf_t_rule_not_applicable"]);
        Assert.Equal(RuleResult.Fail, results["xccdf_t_rule_applicable"]);
    }

    [Theory]
    [InlineData("xccdf_t_rule_vulnerable", "xccdf_t_rule_pass", "two rules with id xccdf_t_rule_pass")]
    [InlineData("platform id=\"not_never\"", "platform id=\"never\"", "two platforms with id never")]
    public void An_id_given_twice_is_a_format_error_not_a_crash(string replaced, string by, string message)
    {
        // XCCDF 1.2 ids are unique within a benchmark; a mutated data stream found the evaluator's lookups throwing on a repeated one.
        var text = AssessmentDataStream.Text.Replace(replaced, by, StringComparison.Ordinal);
        var error = HostileInput.Rejects(_ => Task.FromResult(ScapDataStreamReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)))));
        Assert.Contains(message, Assert.IsType<ScapFormatException>(error).Message, StringComparison.Ordinal);
    }

    private async Task<ComplianceAssessment> EvaluateAsync(string? profile, IReadOnlySet<string>? onlyRules = null, string text = AssessmentDataStream.Text)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var content = ScapDataStreamReader.Read(stream);
        using var fileSystem = new HostDirectoryFileSystem(root.Path);
        return await BenchmarkEvaluator.EvaluateAsync(content, profile, new ProbeContext(new FileTree(fileSystem)), onlyRules);
    }
}
