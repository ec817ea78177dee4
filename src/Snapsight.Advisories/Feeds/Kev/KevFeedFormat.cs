using System.Text.Json;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.Kev;

/// <summary>
/// CISA's Known Exploited Vulnerabilities catalogue (known_exploited_vulnerabilities.json):
/// one <see cref="KevEntry"/> per element of "vulnerabilities", streamed an element at a time.
/// Only cveID, dateAdded and dueDate are kept; an element without a well-formed CVE id or a
/// dateAdded is skipped.
/// </summary>
public sealed class KevFeedFormat : IFeedFormat
{
    /// <summary>The largest real entry is under 4 KB; this is generous room for longer notes.</summary>
    public const int MaxEntryBytes = 1024 * 1024;

    public static KevFeedFormat Instance { get; } = new();

    public string Name => "kev";

    /// <summary>The catalogue's own header field; no other feed names a "catalogVersion".</summary>
    public bool Recognises(ReadOnlySpan<byte> head) => JsonHead.TopLevelNames(head).Contains("catalogVersion");

    public async Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var element in JsonArrayStream.ElementsAsync(content, "vulnerabilities", arrayRequired: true, MaxEntryBytes, Name, origin, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                sink.Add(Read(element));
            }
            catch (FeedRecordException e)
            {
                sink.Skipped($"{origin}: vulnerabilities[{index}]", e.Message);
            }

            index++;
        }
    }

    internal static KevEntry Read(ReadOnlyMemory<byte> element)
    {
        using var document = JsonFields.Parse(element);
        var entry = document.RootElement;
        JsonFields.Expect(entry, JsonValueKind.Object, "entry");
        var cve = JsonFields.String(entry, "cveID") ?? throw new FeedRecordException("cveID: missing");
        if (!CveIds.IsValid(cve))
        {
            throw new FeedRecordException($"cveID: \"{cve}\" is not a CVE id");
        }

        var added = JsonFields.String(entry, "dateAdded") ?? throw new FeedRecordException($"{cve}: dateAdded missing");
        return new KevEntry(cve, added, JsonFields.String(entry, "dueDate"));
    }
}
