using System.Xml;

namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>
/// Amazon Linux's security advisories as a yum updateinfo.xml (db import inflates the .gz the
/// repositories serve): &lt;updates&gt; of &lt;update&gt;s with an ALAS id, CVE references and
/// the fixed packages. Recognised by an &lt;updates&gt; root whose first update's id is an ALAS id,
/// so other distributions' updateinfo files are not claimed.
/// </summary>
public sealed class AlasFeedFormat : IFeedFormat
{
    public const string FormatName = "alas";

    public static AlasFeedFormat Instance { get; } = new();

    public string Name => FormatName;

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(head.ToArray()), AlasXml.Settings(closeInput: true));
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "updates")
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "id")
                {
                    return reader.Read() && reader.NodeType == XmlNodeType.Text && reader.Value.Trim().StartsWith("ALAS", StringComparison.Ordinal);
                }
            }
        }
        catch (XmlException)
        {
            // Not XML, or XML cut off by the head before the first id: not recognised.
        }

        return false;
    }

    public Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        AlasUpdateReader.Read(
            content,
            origin,
            update =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (AlasMapper.Map(update) is { } advisory)
                {
                    sink.Add(advisory);
                }
                else
                {
                    sink.Skipped($"{origin}: {update.Id}", "not an Amazon Linux advisory id");
                }
            },
            sink.Skipped);
        return Task.CompletedTask;
    }
}
