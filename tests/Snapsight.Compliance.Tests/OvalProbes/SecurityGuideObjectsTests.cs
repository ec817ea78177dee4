using System.Xml.Linq;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// The objects the Security Guide actually asks (Debian 11's, and Fedora's for more shapes), collected on the real Debian image by
/// our probes and on the folder it was made from by oscap, compared item by item. Objects whose
/// entities come from variables, sets or filters need the engine and are left to its tests;
/// types whose OpenSCAP probe ignores OSCAP_PROBE_ROOT (dpkginfo, shadow) or asks a running
/// systemd are checked elsewhere.
/// </summary>
public sealed class SecurityGuideObjectsTests
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly string[] Types = ["textfilecontent54_object", "file_object", "symlink_object", "password_object", "xmlfilecontent_object"];
    private static readonly string[] NotRead = ["a_time", "c_time", "has_extended_acl", "last_login"];

    [Theory]
    [InlineData("ssg-debian11-ds.xml")]
    [InlineData("ssg-fedora-ds.xml")]
    public async Task Literal_objects_of_the_content_match_oscap_on_the_real_image(string dataStream)
    {
        var objects = XDocument.Load(Path.Combine("/usr/share/xml/scap/ssg/content", dataStream)).Descendants()
            .Where(e => Types.Contains(e.Name.LocalName) && e.Attribute("id") is not null && IsLiteral(e))
            .DistinctBy(e => e.Attribute("id")!.Value)
            .ToList();
        Assert.True(objects.Count > 100, $"only {objects.Count} literal objects");

        var crashed = new List<string>();
        var oracle = OscapOracle.CollectSplitting(objects, DebianImages.Path("rootfs"), crashed);
        Assert.True(crashed.Count < 10, $"oscap crashed on {crashed.Count} objects alone: {string.Join(", ", crashed)}");
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path("root-ext4.img"));
        var context = new ProbeContext(inspection.Assembly!.Tree);
        var mismatches = new List<string>();
        var withItems = 0;
        foreach (var element in objects.Where(o => !crashed.Contains(o.Attribute("id")!.Value)))
        {
            var request = RequestOf(element);
            var collected = await Compliance.Oval.Probes.OvalProbes.For(request.Type)!.CollectAsync(request, context, CancellationToken.None);
            var expected = oracle[request.ObjectId];
            withItems += expected.Items.Count > 0 ? 1 : 0;
            var ours = ItemText.Of(collected, NotRead);
            var theirs = ItemText.Of(expected.Items, NotRead);
            if (!ours.SequenceEqual(theirs) || collected.Flag == CollectedFlag.Error)
            {
                mismatches.Add($"{request.ObjectId} ({collected.Flag} {collected.Message}): ours [{string.Join(" / ", ours)}] oscap [{string.Join(" / ", theirs)}]");
            }
        }

        Assert.True(withItems > 10, $"only {withItems} objects found anything");
        Assert.Empty(mismatches);
    }

    private static bool IsLiteral(XElement element) =>
        !element.Descendants().Any(d => d.Attribute("var_ref") is not null || d.Name.LocalName is "set" or "filter");

    private static ProbeRequest RequestOf(XElement element)
    {
        var family = element.Name.NamespaceName[(element.Name.NamespaceName.LastIndexOf('#') + 1)..];
        var behaviors = element.Elements().FirstOrDefault(e => e.Name.LocalName == "behaviors")?.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value)
            ?? [];
        var entities = element.Elements().Where(e => e.Name.LocalName != "behaviors").ToDictionary(
            e => e.Name.LocalName,
            e =>
            {
                var nil = e.Attribute(Xsi + "nil")?.Value == "true";
                return new ObjectEntity(e.Name.LocalName, e.Attribute("operation")?.Value ?? "equals", e.Attribute("datatype")?.Value ?? "string", nil ? [] : [e.Value], nil);
            });
        return new ProbeRequest(element.Attribute("id")!.Value, new OvalTypeName(element.Name.LocalName, family), entities, behaviors);
    }
}
