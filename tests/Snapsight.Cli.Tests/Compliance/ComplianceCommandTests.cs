using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Snapsight.Compliance.Tests.OracleFixtures;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Compliance;

/// <summary>
/// <c>snapsight compliance</c> as a user runs it, on the Debian 11 disk image of the compliance
/// fixtures and on the tree it holds, with OpenSCAP's answers for that tree as the oracle
/// (tests/images/build-compliance-trees).
/// </summary>
public sealed class ComplianceCommandTests : IDisposable
{
    private const string Xccdf = "{http://checklists.nist.gov/xccdf/1.2}";
    private const string XccdfSchema = "/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd";
    private static readonly string DataStream = ComplianceFixtures.DataStreamPath("debian11");
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_disk_and_its_tree_give_the_same_results_for_every_profile_and_the_rules_a_tree_decides_agree_with_openscap()
    {
        var cases = DiskOracle.Cases.ToList();
        Assert.Equal(5, cases.Count);
        foreach (var oracleCase in cases)
        {
            using var disk = ComplianceJson.Run(ComplianceFixtures.DiskImage, "--profile", oracleCase.Profile);
            using var tree = ComplianceJson.Run(oracleCase.TreePath, "--profile", oracleCase.Profile);
            var onDisk = ComplianceJson.Results(disk.RootElement);
            var onTree = ComplianceJson.Results(tree.RootElement);

            var oracle = oracleCase.ReadOracle();
            Assert.Equal(oracle.Select(r => r.RuleId).Order(StringComparer.Ordinal), onDisk.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(onTree.OrderBy(r => r.Key, StringComparer.Ordinal), onDisk.OrderBy(r => r.Key, StringComparer.Ordinal));
            var decidable = oracle.Where(DiskOracle.TreeDecides).ToList();
            Assert.NotEmpty(decidable);
            var disagreements = decidable.Where(r => onDisk[r.RuleId] != r.Result).Select(r => $"{r.RuleId}: oscap {r.Result}, ours {onDisk[r.RuleId]}").ToList();
            Assert.True(disagreements.Count == 0, $"{oracleCase}:\n{string.Join('\n', disagreements)}");
        }
    }

    [Fact]
    public void Xccdf_output_is_valid_against_the_xccdf_1_2_schema_and_says_what_the_json_says()
    {
        var xccdfFile = Path.Combine(temp.Path, "result.xml");
        var run = SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--profile", "standard", "--format", "xccdf", "--output", xccdfFile);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = ComplianceJson.Run(ComplianceFixtures.DiskImage, "--profile", "standard");

        // The schema imports ../../common/xml.xsd and cpe-language_2.3.xsd by relative path: both ship with OpenSCAP, so no network is needed.
        Tool.Run("xmllint", "--nonet", "--noout", "--schema", XccdfSchema, xccdfFile);

        var testResult = XDocument.Load(xccdfFile).Root!;
        Assert.Equal(Xccdf + "TestResult", testResult.Name.ToString());
        var xccdfResults = testResult.Elements(Xccdf + "rule-result")
            .Select(r => (Id: r.Attribute("idref")!.Value, Result: r.Element(Xccdf + "result")!.Value))
            .Where(r => r.Result != "notselected")
            .ToDictionary(r => r.Id, r => r.Result, StringComparer.Ordinal);
        Assert.Equal(
            ComplianceJson.Results(json.RootElement).OrderBy(r => r.Key, StringComparer.Ordinal),
            xccdfResults.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(json.RootElement.GetProperty("profile").GetProperty("id").GetString(), testResult.Element(Xccdf + "profile")!.Attribute("idref")!.Value);
        var score = testResult.Element(Xccdf + "score")!;
        Assert.Equal("urn:xccdf:scoring:default", score.Attribute("system")!.Value);
        Assert.Equal(json.RootElement.GetProperty("score").GetDouble(), double.Parse(score.Value, CultureInfo.InvariantCulture), 0.01);
    }

    [Fact]
    public void Json_names_the_benchmark_as_openscap_does_and_its_score_and_counts_follow_from_the_rule_results()
    {
        foreach (var oracleCase in DiskOracle.Cases)
        {
            using var json = ComplianceJson.Run(ComplianceFixtures.DiskImage, "--profile", oracleCase.Profile);
            var root = json.RootElement;

            // OpenSCAP's results file holds the benchmark as OpenSCAP read it from the same data stream.
            var benchmark = XDocument.Load(oracleCase.ResultsPath).Root!;
            Assert.Equal(benchmark.Attribute("id")!.Value, root.GetProperty("benchmark").GetProperty("id").GetString());
            Assert.Equal(benchmark.Element(Xccdf + "title")!.Value, root.GetProperty("benchmark").GetProperty("title").GetString());
            Assert.Equal(benchmark.Element(Xccdf + "version")!.Value, root.GetProperty("benchmark").GetProperty("version").GetString());
            Assert.Equal(oracleCase.ProfileId, root.GetProperty("profile").GetProperty("id").GetString());
            Assert.Equal("urn:xccdf:scoring:default", root.GetProperty("scoreSystem").GetString());

            var results = ComplianceJson.Results(root);
            var counts = root.GetProperty("counts").EnumerateObject().Where(c => c.Value.GetInt32() > 0).ToDictionary(c => c.Name, c => c.Value.GetInt32(), StringComparer.Ordinal);
            var tally = results.Values.GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.Equal(tally.OrderBy(c => c.Key, StringComparer.Ordinal), counts.OrderBy(c => c.Key, StringComparer.Ordinal));

            var score = root.GetProperty("score").GetDouble();
            Assert.InRange(score, 0, 100);
            Assert.Equal(DefaultModelScore.Of(oracleCase.DataStreamPath, results), score, 0.01);
        }
    }

    [Fact]
    public void The_score_oracle_gives_openscaps_own_score_for_openscaps_own_results()
    {
        // DefaultModelScore is the oracle of the score test: it must agree with OpenSCAP when fed OpenSCAP's results.
        foreach (var oracleCase in DiskOracle.Cases)
        {
            var testResult = XDocument.Load(oracleCase.ResultsPath).Descendants(Xccdf + "TestResult").Single();
            var results = testResult.Elements(Xccdf + "rule-result")
                .ToDictionary(r => r.Attribute("idref")!.Value, r => r.Element(Xccdf + "result")!.Value, StringComparer.Ordinal);
            var oscapScore = double.Parse(testResult.Element(Xccdf + "score")!.Value, CultureInfo.InvariantCulture);
            Assert.Equal(oscapScore, DefaultModelScore.Of(oracleCase.DataStreamPath, results), 0.001);
        }
    }

    [Fact]
    public void List_profiles_is_what_oscap_info_lists_with_a_datastream_and_for_the_disks_system()
    {
        var oscap = Tool.Run("oscap", "info", "--profiles", DataStream).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2)).Select(f => $"{f[0]}\t{f[1]}").ToList();
        Assert.NotEmpty(oscap);

        var withDataStream = SnapsightProcess.Run("compliance", "--datastream", DataStream, "--list-profiles");
        var forTheDisk = SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--list-profiles");

        Assert.True(withDataStream.ExitCode == 0, withDataStream.Stderr);
        Assert.Equal(oscap, withDataStream.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(forTheDisk.ExitCode == 0, forTheDisk.Stderr);
        Assert.Equal(oscap, forTheDisk.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_debian_12_disk_without_a_datastream_fails_with_one_line_naming_the_installed_products()
    {
        var result = SnapsightProcess.Run("compliance", DebianImages.Path("gpt-disk.qcow2"), "--profile", "standard");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        var installed = Directory.GetFiles(ComplianceFixtures.ContentDirectory, "ssg-*-ds.xml").Select(f => Path.GetFileName(f)[4..^7]).ToList();
        Assert.Contains("debian11", installed);
        Assert.All(installed, product => Assert.Contains(product, lines[0], StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_profile_or_rule_fails_with_exit_2_and_names_the_choices()
    {
        var profile = SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--profile", "no_such_profile");
        var rule = SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--profile", "standard", "--rule", "no_such_rule");
        var partial = SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--profile", "standard", "--rule", "file_owner_etc");

        Assert.Equal(2, profile.ExitCode);
        Assert.Contains("no_such_profile", profile.Stderr, StringComparison.Ordinal);
        Assert.All(DiskOracle.Cases, c => Assert.Contains(c.ProfileId, profile.Stderr, StringComparison.Ordinal));
        var standard = DiskOracle.Standard;
        Assert.Equal(2, rule.ExitCode);
        Assert.Contains("no_such_rule", rule.Stderr, StringComparison.Ordinal);
        Assert.Contains($"selects {standard.Count} rules", rule.Stderr, StringComparison.Ordinal);
        // A name no rule has exactly: the error names the profile's rules that contain it.
        var near = standard.Select(r => DiskOracle.ShortName(r.RuleId)).Where(n => n.Contains("file_owner_etc", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(near);
        Assert.Equal(2, partial.ExitCode);
        Assert.Single(partial.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(near, n => Assert.Contains(n, partial.Stderr, StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_datastream_fails_with_exit_2_saying_the_content_cannot_be_read()
    {
        var corrupt = Path.Combine(temp.Path, "ssg-corrupt-ds.xml");
        File.WriteAllText(corrupt, File.ReadAllText(DataStream)[..100_000]);

        var result = SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--datastream", corrupt, "--profile", "standard");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read the SCAP content", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_option_evaluates_only_that_rule_and_gives_openscaps_answer()
    {
        var oracle = DiskOracle.Standard;
        var rule = oracle.First(r => DiskOracle.TreeDecides(r) && r.Result == "fail");

        using var json = ComplianceJson.Run(ComplianceFixtures.DiskImage, "--profile", "standard", "--rule", DiskOracle.ShortName(rule.RuleId));

        Assert.Equal([KeyValuePair.Create(rule.RuleId, rule.Result)], ComplianceJson.Results(json.RootElement));
    }

    [Fact]
    public void Exit_code_applies_when_a_rule_fails()
    {
        var oracle = DiskOracle.Standard;
        var failing = oracle.First(r => DiskOracle.TreeDecides(r) && r.Result == "fail").RuleId;
        var passing = oracle.First(r => DiskOracle.TreeDecides(r) && r.Result == "pass").RuleId;

        Assert.Equal(4, SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--profile", "standard", "--rule", failing, "--exit-code", "4").ExitCode);
        Assert.Equal(0, SnapsightProcess.Run("compliance", ComplianceFixtures.DiskImage, "--profile", "standard", "--rule", passing, "--exit-code", "4").ExitCode);
    }

    [Fact]
    public void Help_names_every_option()
    {
        var help = SnapsightProcess.Run("compliance", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--datastream", "--profile", "--rule", "--list-profiles", "--format" })
        {
            Assert.Contains(option, help.Text, StringComparison.Ordinal);
        }
    }
}
