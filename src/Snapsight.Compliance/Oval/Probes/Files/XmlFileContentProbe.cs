using System.Globalization;
using System.Xml;
using System.Xml.XPath;
using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// xmlfilecontent_object: an XPath 1.0 expression evaluated on each XML file the object names;
/// <c>value_of</c> holds the string value of every node selected (or the number, boolean or
/// string the expression computes). Files come from the image, so a DTD is refused outright
/// (no entity expansion, nothing fetched) and the size limit applies.
/// </summary>
internal sealed class XmlFileContentProbe : IOvalProbe
{
    private const int MaxValues = 100_000;

    public OvalTypeName ObjectType { get; } = new("xmlfilecontent_object", "independent");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            if (request.Entity("xpath") is not { Values.Count: > 0 } xpath)
            {
                throw new OvalProbeException("the object has no xpath");
            }

            var items = new List<OvalItem>();
            foreach (var file in await new FileLocator(context.Tree, cancellationToken).LocateAsync(request).ConfigureAwait(false))
            {
                if (file.FileName is null || await ProbeFiles.ReadAsync(context.Tree, file.FilePath, cancellationToken).ConfigureAwait(false) is not { } bytes)
                {
                    continue;
                }

                var document = Load(bytes);
                foreach (var expression in xpath.Values)
                {
                    var values = Evaluate(document, expression);
                    if (values.Count > 0)
                    {
                        items.Add(new ItemEntities()
                            .Add("filepath", file.FilePath)
                            .Add("path", file.Path)
                            .Add("filename", file.FileName)
                            .Add("xpath", expression)
                            .AddAll("value_of", values)
                            .ToItem($"{file.FilePath} {expression}"));
                    }
                }
            }

            return CollectedObject.Found(items);
        });

    private static XPathNavigator Load(byte[] bytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = ProbeFiles.MaxFileBytes,
        };
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        return new XPathDocument(reader).CreateNavigator();
    }

    private static List<string> Evaluate(XPathNavigator document, string expression)
    {
        object result;
        try
        {
            result = document.Evaluate(expression);
        }
        catch (XPathException e)
        {
            throw new OvalProbeException($"the xpath {expression} cannot be evaluated: {e.Message}");
        }

        switch (result)
        {
            case XPathNodeIterator nodes:
                var values = new List<string>();
                while (nodes.MoveNext())
                {
                    if (values.Count == MaxValues)
                    {
                        throw new OvalProbeException($"the xpath {expression} selects more than {MaxValues} nodes");
                    }

                    values.Add(nodes.Current!.Value);
                }

                return values;
            case double number:
                return [number.ToString(CultureInfo.InvariantCulture)];
            case bool boolean:
                return [boolean ? "true" : "false"];
            default:
                return [Convert.ToString(result, CultureInfo.InvariantCulture) ?? ""];
        }
    }
}
