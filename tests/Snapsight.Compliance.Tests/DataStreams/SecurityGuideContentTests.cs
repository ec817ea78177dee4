using System.Text.Json;
using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Xccdf;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.DataStreams;

/// <summary>
/// Every Security Guide data stream installed by <c>ssg-debian</c>, <c>ssg-debderived</c> and
/// <c>ssg-nondebian</c> (scripts/install-deps) reads without error and agrees with two other
/// readers: <c>oscap info</c> for the profiles, and scap_oracle.py (python3's xml.etree) for the
/// counts, each rule's OVAL definition and every profile resolved through its <c>extends</c>.
/// </summary>
public sealed class SecurityGuideContentTests
{
    private const string ContentDirectory = "/usr/share/xml/scap/ssg/content";

    private static readonly Lazy<JsonDocument> Oracle = new(() => JsonDocument.Parse(
        Tool.Run("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "DataStreams", "scap_oracle.py"), .. DataStreamFiles()], null, null)));

    private static string[] DataStreamFiles() =>
        Directory.Exists(ContentDirectory) ? Directory.GetFiles(ContentDirectory, "ssg-*-ds.xml").Order(StringComparer.Ordinal).ToArray() : [];

    public static TheoryData<string> Files => new(DataStreamFiles());

    [Fact]
    public void The_Debian_content_is_installed() =>
        Assert.Contains(DataStreamFiles(), f => Path.GetFileName(f).StartsWith("ssg-debian", StringComparison.Ordinal));

    [Fact]
    public void Debian_11_content_names_its_platform_and_the_checks_that_decide_it()
    {
        var collection = Read(Path.Combine(ContentDirectory, "ssg-debian11-ds.xml"));
        Assert.Equal(["cpe:/o:debian:debian_linux:11"], collection.Benchmark.Platforms);
        Assert.Contains("cpe:/o:debian:debian_linux:11", collection.CpeChecks.Keys);
        Assert.NotEmpty(collection.Benchmark.PlatformSpecifications);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Profiles_match_oscap_info(string file)
    {
        var expected = Tool.Run("oscap", "info", "--profiles", file)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2)[0])
            .Order(StringComparer.Ordinal);
        var collection = Read(file);
        Assert.Equal(expected, collection.Benchmark.Profiles.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Benchmark_and_oval_match_a_second_reader(string file)
    {
        var expected = Oracle.Value.RootElement.GetProperty(file);
        var collection = Read(file);
        var benchmark = collection.Benchmark;
        Assert.Equal(expected.GetProperty("benchmark").GetString(), benchmark.Id);
        Assert.Equal(expected.GetProperty("version").GetString(), benchmark.Version);
        var rules = benchmark.AllRules().Select(r => r.Rule).ToArray();
        Assert.Equal(expected.GetProperty("rules").GetInt32(), rules.Length);
        Assert.Equal(expected.GetProperty("values").GetInt32(), benchmark.AllValues().Count());
        Assert.Equal(
            expected.GetProperty("rule_oval").EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
            rules.Select(r => (r.Id, OvalDefinitionOf(r))));

        var ovalHref = expected.GetProperty("oval_href").GetString()!;
        var oval = collection.OvalByHref[ovalHref];
        var counts = expected.GetProperty("oval");
        Assert.Equal(counts.GetProperty("definitions").GetInt32(), oval.Definitions.Count);
        Assert.Equal(counts.GetProperty("tests").GetInt32(), oval.Tests.Count);
        Assert.Equal(counts.GetProperty("objects").GetInt32(), oval.Objects.Count);
        Assert.Equal(counts.GetProperty("states").GetInt32(), oval.States.Count);
        Assert.Equal(counts.GetProperty("variables").GetInt32(), oval.Variables.Count);
        Assert.All(rules.Select(OvalDefinitionOf).OfType<string>(), id => Assert.True(oval.Definitions.ContainsKey(id), id));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Resolved_profiles_match_a_second_reader(string file)
    {
        var benchmark = Read(file).Benchmark;
        foreach (var profile in Oracle.Value.RootElement.GetProperty(file).GetProperty("profiles").EnumerateObject())
        {
            var effective = ProfileResolver.Resolve(benchmark, profile.Name);
            Assert.Equal(profile.Value.GetProperty("selected").EnumerateArray().Select(e => e.GetString()), effective.SelectedRuleIds);
            Assert.Equal(
                profile.Value.GetProperty("values").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal),
                effective.Values.Select(p => (p.Key, (string?)p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Oval_structure_matches_a_second_reader(string file)
    {
        var expected = Oracle.Value.RootElement.GetProperty(file);
        var oval = Read(file).OvalByHref[expected.GetProperty("oval_href").GetString()!];
        foreach (var definition in expected.GetProperty("oval_definitions").EnumerateObject())
        {
            var ours = oval.Definitions[definition.Name];
            Assert.Equal(definition.Value.GetString(), $"{ours.Class} {(ours.Criteria is { } c ? Shape(c) : "-")}");
        }

        foreach (var test in expected.GetProperty("oval_tests").EnumerateObject())
        {
            var ours = oval.Tests[test.Name];
            Assert.Equal(
                Row(test.Value),
                Row([ours.Type.Name, ours.Type.Family, ours.Check, ours.CheckExistence, ours.StateOperator, ours.ObjectRef], ours.StateRefs));
        }

        foreach (var entity in expected.GetProperty("oval_objects").EnumerateObject())
        {
            var (type, children) = oval.Objects.TryGetValue(entity.Name, out var o) ? (o.Type, o.Children) : (oval.States[entity.Name].Type, oval.States[entity.Name].Children);
            Assert.Equal(Row(entity.Value), Row([type.Name, type.Family], children.Select(c => c.Name)));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Platforms_and_cpe_checks_match_a_second_reader(string file)
    {
        var expected = Oracle.Value.RootElement.GetProperty(file);
        var collection = Read(file);
        Assert.Equal(expected.GetProperty("benchmark_platforms").EnumerateArray().Select(e => e.GetString()), collection.Benchmark.Platforms);
        Assert.Equal(
            expected.GetProperty("platforms").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal),
            collection.Benchmark.PlatformSpecifications.Values.Select(p => (p.Id, (string?)Shape(p.Test))).OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.Equal(
            expected.GetProperty("cpe_checks").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal),
            collection.CpeChecks.Select(p => (p.Key, (string?)(p.Value.Href + "#" + p.Value.Name))).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(collection.CpeChecks.Values, check => Assert.True(collection.OvalByHref.ContainsKey(check.Href), check.Href));
    }

    /// <summary>The oracle's spelling of a CPE logical test: operator, "!" when negated, nested tests, F:name and C:href#id leaves.</summary>
    private static string Shape(CpeLogicalTest test) =>
        test.Operator + (test.Negate ? "!" : "") + "(" + string.Join(',', test.Tests.Select(Shape)
            .Concat(test.FactRefs.Select(f => "F:" + f))
            .Concat(test.CheckFactRefs.Select(c => "C:" + c.Href + "#" + c.Name))) + ")";

    /// <summary>The oracle's spelling of a criteria tree: operator, "!" when negated, T:test or E:definition leaves.</summary>
    private static string Shape(OvalCriteriaNode node) => node switch
    {
        OvalCriterion c => (c.Negate ? "!" : "") + "T:" + c.TestRef,
        OvalExtendDefinition e => (e.Negate ? "!" : "") + "E:" + e.DefinitionRef,
        OvalCriteria c => c.Operator + (c.Negate ? "!" : "") + "(" + string.Join(',', c.Children.Select(Shape)) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>The oracle's [scalars..., [list]] as text, to compare with ours.</summary>
    private static string Row(JsonElement row) => string.Join('|', row.EnumerateArray().Select(e =>
        e.ValueKind == JsonValueKind.Array ? "[" + string.Join(',', e.EnumerateArray().Select(i => i.GetString())) + "]" : e.GetString() ?? "null"));

    private static string Row(string?[] scalars, IEnumerable<string> list) =>
        string.Join('|', scalars.Select(s => s ?? "null").Append("[" + string.Join(',', list) + "]"));

    private static string? OvalDefinitionOf(Rule rule) =>
        rule.Checks.Where(c => c.System == "http://oval.mitre.org/XMLSchema/oval-definitions-5")
            .SelectMany(c => c.ContentRefs).Select(r => r.Name).FirstOrDefault();

    private static DataStreamCollection Read(string file)
    {
        using var stream = File.OpenRead(file);
        return ScapDataStreamReader.Read(stream);
    }
}
