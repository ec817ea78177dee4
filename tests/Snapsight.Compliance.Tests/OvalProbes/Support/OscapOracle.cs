using System.Text;
using System.Xml.Linq;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes.Support;

/// <summary>
/// The oracle: OpenSCAP's own probes (<c>oscap oval eval</c>) on a tiny definitions document
/// holding the objects, with OSCAP_PROBE_ROOT pointing at the tree (or the host itself when no
/// root is given, for probes OpenSCAP cannot point elsewhere). Returns, per object id, the flag
/// and the items of the system characteristics, each as entity name -> values.
/// </summary>
internal static class OscapOracle
{
    public sealed record Collected(string Flag, IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<string>>> Items);

    public static IReadOnlyDictionary<string, Collected> Collect(IReadOnlyList<ObjectSpec> objects, string? probeRoot) =>
        Collect([.. objects.Select(o => (o.Id, o.Prefix, o.Type, o.ToXml()))], probeRoot);

    /// <summary>Objects taken as they are from real content; their tests are written to match.</summary>
    public static IReadOnlyDictionary<string, Collected> Collect(IReadOnlyList<XElement> objects, string? probeRoot) =>
        Collect([.. objects.Select(o => (o.Attribute("id")!.Value, PrefixOf(o), o.Name.LocalName[..^"_object".Length], Detached(o)))], probeRoot);

    /// <summary>
    /// As <see cref="Collect(IReadOnlyList{XElement}, string?)"/>, for many objects: oscap 1.3.7
    /// sometimes dies (SIGSEGV) on a document that each of its objects alone passes, so a run that
    /// crashes is split in halves; an object that crashes oscap on its own has no answer and is
    /// left out of the result (named in <paramref name="crashed"/>).
    /// </summary>
    public static Dictionary<string, Collected> CollectSplitting(IReadOnlyList<XElement> objects, string? probeRoot, List<string> crashed)
    {
        try
        {
            return new Dictionary<string, Collected>(Collect(objects, probeRoot));
        }
        catch (InvalidOperationException e) when (e.Message.Contains("exited 139", StringComparison.Ordinal))
        {
            if (objects.Count == 1)
            {
                crashed.Add(objects[0].Attribute("id")!.Value);
                return [];
            }

            var half = objects.Count / 2;
            var first = CollectSplitting([.. objects.Take(half)], probeRoot, crashed);
            foreach (var (id, collected) in CollectSplitting([.. objects.Skip(half)], probeRoot, crashed))
            {
                first[id] = collected;
            }

            return first;
        }
    }

    private static string PrefixOf(XElement element) => element.Name.NamespaceName[(element.Name.NamespaceName.LastIndexOf('#') + 1)..] switch
    {
        "independent" => "ind",
        var family => family,
    };

    /// <summary>The object written with the prefixes the document declares (ind, unix, linux, xsi), whatever the source used.</summary>
    private static string Detached(XElement element)
    {
        var copy = new XElement(element);
        foreach (var e in copy.DescendantsAndSelf())
        {
            e.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }

        foreach (var (prefix, family) in new[] { ("ind", "independent"), ("unix", "unix"), ("linux", "linux") })
        {
            copy.SetAttributeValue(XNamespace.Xmlns + prefix, $"http://oval.mitre.org/XMLSchema/oval-definitions-5#{family}");
        }

        copy.SetAttributeValue(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance");
        return System.Text.RegularExpressions.Regex.Replace(copy.ToString(SaveOptions.DisableFormatting), @"\sxmlns:\w+=""[^""]*""", "");
    }

    private static Dictionary<string, Collected> Collect(IReadOnlyList<(string Id, string Prefix, string Type, string Xml)> objects, string? probeRoot)
    {
        using var work = new TempDirectory();
        var definitions = work.File("defs.xml");
        var results = work.File("results.xml");
        File.WriteAllText(definitions, Definitions(objects));
        var environment = new Dictionary<string, string>();
        if (probeRoot is not null)
        {
            environment["OSCAP_PROBE_ROOT"] = probeRoot;
        }

        Tool.Run("oscap", ["oval", "eval", "--results", results, definitions], null, environment);
        return Read(XDocument.Load(results));
    }

    private static string Definitions(IReadOnlyList<(string Id, string Prefix, string Type, string Xml)> objects)
    {
        var xml = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
              xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent" xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
              xmlns:linux="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2024-01-01T00:00:00</oval:timestamp></generator>
            <definitions><definition id="oval:test:def:1" version="1" class="compliance"><metadata><title>probes</title><description>oracle</description></metadata><criteria operator="AND">
            """);
        for (var i = 0; i < objects.Count; i++)
        {
            xml.Append($"<criterion test_ref=\"oval:test:tst:{i + 1}\"/>");
        }

        xml.Append("</criteria></definition></definitions><tests>");
        for (var i = 0; i < objects.Count; i++)
        {
            var o = objects[i];
            xml.Append($"<{o.Prefix}:{o.Type}_test id=\"oval:test:tst:{i + 1}\" version=\"1\" check=\"all\" check_existence=\"any_exist\" comment=\"oracle\">")
                .Append($"<{o.Prefix}:object object_ref=\"{o.Id}\"/></{o.Prefix}:{o.Type}_test>");
        }

        xml.Append("</tests><objects>");
        foreach (var o in objects)
        {
            xml.Append(o.Xml);
        }

        return xml.Append("</objects></oval_definitions>").ToString();
    }

    private static Dictionary<string, Collected> Read(XDocument results)
    {
        var system = results.Descendants().First(e => e.Name.LocalName == "oval_system_characteristics");
        var items = system.Descendants().Where(e => e.Name.LocalName == "system_data").Elements()
            .ToDictionary(e => e.Attribute("id")!.Value, ItemOf);
        return system.Descendants().Where(e => e.Name.LocalName == "collected_objects").Elements().ToDictionary(
            o => o.Attribute("id")!.Value,
            o => new Collected(
                o.Attribute("flag")!.Value,
                [.. o.Elements().Where(r => r.Name.LocalName == "reference").Select(r => items[r.Attribute("item_ref")!.Value])]));
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ItemOf(XElement item) =>
        item.Elements().GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Value)]);
}
