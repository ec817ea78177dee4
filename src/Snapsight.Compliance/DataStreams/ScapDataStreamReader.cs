using System.Xml;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// Reads a SCAP 1.3 source data stream in one forward pass: no DTDs, no external resources,
/// every component read into a bounded tree and mapped at once (the tree is then dropped).
/// </summary>
public static class ScapDataStreamReader
{
    private const string DataStreamNamespace = "http://scap.nist.gov/schema/scap/source/1.2";

    public static DataStreamCollection Read(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = ScapReadLimits.MaxDocumentCharacters,
        };
        using var reader = XmlReader.Create(stream, settings);
        try
        {
            return ReadCollection(reader);
        }
        catch (XmlException e)
        {
            throw new ScapFormatException(reader.LocalName is { Length: > 0 } name ? name : "document", e.LineNumber, e.Message);
        }
    }

    private static DataStreamCollection ReadCollection(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.LocalName != "data-stream-collection" || reader.NamespaceURI != DataStreamNamespace)
        {
            throw new ScapFormatException(reader.LocalName, Line(reader), "not a SCAP source data stream collection");
        }

        var trees = new ElementTreeReader(reader);
        RawElement? dataStream = null;
        var components = new List<DataStreamComponent>();
        var benchmarks = new Dictionary<string, Benchmark>();
        var ovals = new Dictionary<string, OvalDefinitions>();
        var dictionaries = new Dictionary<string, IReadOnlyDictionary<string, CheckContentRef>>();
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
            }
            else if (reader.LocalName == "data-stream" && dataStream is null)
            {
                dataStream = trees.Read();
            }
            else if (reader.LocalName == "component")
            {
                components.Add(ReadComponent(reader, trees, benchmarks, ovals, dictionaries));
            }
            else
            {
                trees.Skip();
            }
        }

        if (dataStream is null)
        {
            throw new ScapFormatException("data-stream-collection", Line(reader), "no data-stream");
        }

        return Resolve(dataStream, components, benchmarks, ovals, dictionaries);
    }

    private static DataStreamComponent ReadComponent(
        XmlReader reader, ElementTreeReader trees, Dictionary<string, Benchmark> benchmarks, Dictionary<string, OvalDefinitions> ovals, Dictionary<string, IReadOnlyDictionary<string, CheckContentRef>> dictionaries)
    {
        var line = Line(reader);
        var id = reader.GetAttribute("id") ?? throw new ScapFormatException("component", line, "missing attribute id");
        var component = trees.Read();
        var content = component.Children.Count == 1 ? component.Children[0] : null;
        switch (content?.Name)
        {
            case "Benchmark":
                benchmarks[id] = BenchmarkMapper.Map(content);
                return new DataStreamComponent(id, "xccdf");
            case "oval_definitions":
                ovals[id] = OvalMapper.Map(content);
                return new DataStreamComponent(id, "oval");
            case "cpe-list":
                dictionaries[id] = CpeDictionaryMapper.Map(content);
                return new DataStreamComponent(id, "cpe-dictionary");
            default:
                return new DataStreamComponent(id, "other");
        }
    }

    /// <summary>
    /// Follows the first data stream's checklist to its benchmark and its dictionary to the CPE
    /// checks, and both catalogs to the OVAL components their checks name.
    /// </summary>
    private static DataStreamCollection Resolve(
        RawElement dataStream,
        List<DataStreamComponent> components,
        Dictionary<string, Benchmark> benchmarks,
        Dictionary<string, OvalDefinitions> ovals,
        Dictionary<string, IReadOnlyDictionary<string, CheckContentRef>> dictionaries)
    {
        var refs = dataStream.Children.SelectMany(section => section.ChildrenNamed("component-ref")).ToArray();
        var checklist = dataStream.Child("checklists")?.Child("component-ref")
            ?? throw new ScapFormatException("data-stream", dataStream.Line, "no checklist component-ref");
        var benchmark = benchmarks.GetValueOrDefault(Target(checklist))
            ?? throw new ScapFormatException("component-ref", checklist.Line, $"{checklist.Required("href")} is not a benchmark component of this collection");
        var catalog = new Catalog(refs, components, ovals);
        catalog.Add(checklist);
        IReadOnlyDictionary<string, CheckContentRef> cpeChecks = new Dictionary<string, CheckContentRef>();
        if (dataStream.Child("dictionaries")?.Child("component-ref") is { } dictionary)
        {
            cpeChecks = dictionaries.GetValueOrDefault(Target(dictionary))
                ?? throw new ScapFormatException("component-ref", dictionary.Line, $"{dictionary.Required("href")} is not a CPE dictionary component of this collection");
            catalog.Add(dictionary);
        }

        return new DataStreamCollection(dataStream.Required("id"), components, benchmark, catalog.OvalByHref, catalog.RemoteByHref) { CpeChecks = cpeChecks };
    }

    /// <summary>The OVAL documents that a component-ref's catalog names by href.</summary>
    private sealed class Catalog(RawElement[] refs, List<DataStreamComponent> components, Dictionary<string, OvalDefinitions> ovals)
    {
        public Dictionary<string, OvalDefinitions> OvalByHref { get; } = [];

        public Dictionary<string, string> RemoteByHref { get; } = [];

        public void Add(RawElement componentRef)
        {
            foreach (var uri in componentRef.Child("catalog")?.ChildrenNamed("uri") ?? [])
            {
                var refId = Fragment(uri, "uri");
                var target = refs.FirstOrDefault(r => r.Attribute("id") == refId)
                    ?? throw new ScapFormatException("uri", uri.Line, $"no component-ref with id {refId}");
                if (!target.Required("href").StartsWith('#'))
                {
                    RemoteByHref[uri.Required("name")] = target.Required("href");
                    continue;
                }

                var id = Target(target);
                if (!components.Exists(c => c.Id == id))
                {
                    throw new ScapFormatException("component-ref", target.Line, $"no component with id {id}");
                }

                if (ovals.TryGetValue(id, out var oval))
                {
                    OvalByHref[uri.Required("name")] = oval;
                }
            }
        }
    }

    private static string Target(RawElement componentRef) => Fragment(componentRef, "href");

    /// <summary>A local reference <c>#id</c>; anything else would mean fetching another document, which we never do.</summary>
    private static string Fragment(RawElement element, string attribute)
    {
        var reference = element.Required(attribute);
        return reference.StartsWith('#')
            ? reference[1..]
            : throw new ScapFormatException(element.Name, element.Line, $"{attribute}=\"{reference}\" is not a reference inside this document");
    }

    private static int Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;
}
