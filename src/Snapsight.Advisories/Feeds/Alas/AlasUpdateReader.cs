using System.Xml;

namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>
/// Streams the &lt;update&gt; elements of an updateinfo.xml with <see cref="XmlReader"/>, one
/// subtree at a time. An update of the wrong shape (no id, a package without a version, over a
/// bound) is reported and passed by; XML that is not well formed ends the file with a
/// <see cref="FeedFormatException"/> (what was read before it is kept).
/// </summary>
public static class AlasUpdateReader
{
    /// <summary>Calls <paramref name="update"/> for each update read and <paramref name="skipped"/> for each left out.</summary>
    public static void Read(Stream content, string origin, Action<AlasUpdate> update, Action<string, string> skipped)
    {
        try
        {
            using var reader = XmlReader.Create(content, AlasXml.Settings(closeInput: false));
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "updates")
            {
                throw new FeedFormatException(AlasFeedFormat.FormatName, origin, "the root element is not <updates>");
            }

            var index = 0;
            var chunk = new char[4096];
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1 || reader.LocalName != "update")
                {
                    continue;
                }

                var where = $"{origin}: update[{index++}]";
                using var subtree = reader.ReadSubtree();
                try
                {
                    update(ReadUpdate(subtree, chunk, where));
                }
                catch (FeedFormatException e)
                {
                    skipped(e.Structure, e.Problem);
                }
            }

            if (reader.ReadState != ReadState.EndOfFile)
            {
                // Passing by an update the reader refused can meet broken XML that closing the subtree swallows.
                throw new FeedFormatException(AlasFeedFormat.FormatName, origin, $"not well-formed XML after update[{index - 1}]");
            }
        }
        catch (XmlException e)
        {
            throw new FeedFormatException(AlasFeedFormat.FormatName, origin, $"not well-formed XML: {e.Message}");
        }
    }

    private static AlasUpdate ReadUpdate(XmlReader reader, char[] chunk, string where)
    {
        string? id = null, title = null, issued = null, updated = null, severity = null, description = null;
        var cves = new List<string>();
        var packages = new List<AlasPackage>();
        reader.Read();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth > AlasLimits.MaxDepth)
            {
                throw new FeedFormatException(AlasFeedFormat.FormatName, where, $"elements nested over {AlasLimits.MaxDepth} deep");
            }

            switch (reader.LocalName)
            {
                case "id":
                    id = AlasXml.ReadText(reader, chunk, where + ".id").Trim();
                    break;
                case "title":
                    title = AlasXml.ReadText(reader, chunk, where + ".title");
                    break;
                case "severity":
                    severity = AlasXml.ReadText(reader, chunk, where + ".severity").Trim();
                    break;
                case "description":
                    description = AlasXml.ReadText(reader, chunk, where + ".description");
                    break;
                case "issued":
                    issued = reader.GetAttribute("date");
                    break;
                case "updated":
                    updated = reader.GetAttribute("date");
                    break;
                case "reference" when reader.GetAttribute("type") == "cve" && reader.GetAttribute("id") is { Length: > 0 } cve:
                    Add(cves, cve, where + ".references");
                    break;
                case "package":
                    Add(packages, ReadPackage(reader, $"{where}.package[{packages.Count}]"), where + ".pkglist");
                    break;
            }
        }

        if (string.IsNullOrEmpty(id))
        {
            throw new FeedFormatException(AlasFeedFormat.FormatName, where, "no id");
        }

        return new AlasUpdate(id, title, issued, updated, severity, description, cves, packages);
    }

    private static AlasPackage ReadPackage(XmlReader reader, string where)
    {
        string Required(string attribute) => reader.GetAttribute(attribute) is { Length: > 0 } value
            ? value
            : throw new FeedFormatException(AlasFeedFormat.FormatName, where, $"no {attribute} attribute");
        return new AlasPackage(Required("name"), reader.GetAttribute("epoch"), Required("version"), Required("release"), reader.GetAttribute("arch"));
    }

    private static void Add<T>(List<T> list, T item, string where)
    {
        if (list.Count >= AlasLimits.MaxListCount)
        {
            throw new FeedFormatException(AlasFeedFormat.FormatName, where, $"over {AlasLimits.MaxListCount} entries");
        }

        list.Add(item);
    }
}
