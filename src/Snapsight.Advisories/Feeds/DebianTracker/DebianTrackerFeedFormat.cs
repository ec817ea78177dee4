using System.Text.Json;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Feeds.DebianTracker;

/// <summary>
/// The Debian security tracker's JSON export (security-tracker.debian.org/tracker/data/json):
/// source package → CVE → releases. Recognised by that nesting: the first package's first key
/// is a CVE or TEMP id whose object carries tracker fields.
/// </summary>
public sealed class DebianTrackerFeedFormat : IFeedFormat
{
    public static DebianTrackerFeedFormat Instance { get; } = new();

    private static readonly string[] EntryKeys = ["releases", "description", "scope", "debianbug"];

    public string Name => DebianTrackerMapper.Feed;

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var reader = new Utf8JsonReader(ByteOrderMark.Skip(head), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = DebianTrackerLimits.MaxDepth }));
        try
        {
            if (!Next(ref reader, JsonTokenType.StartObject) || !Next(ref reader, JsonTokenType.PropertyName) || !Next(ref reader, JsonTokenType.StartObject)
                || !Next(ref reader, JsonTokenType.PropertyName))
            {
                return false;
            }

            var id = reader.GetString()!;
            if (!(id.StartsWith("CVE-", StringComparison.Ordinal) || id.StartsWith("TEMP-", StringComparison.Ordinal)) || !Next(ref reader, JsonTokenType.StartObject))
            {
                return false;
            }

            while (reader.Read() && reader.CurrentDepth >= 3)
            {
                if (reader.CurrentDepth == 3 && reader.TokenType == JsonTokenType.PropertyName && EntryKeys.Contains(reader.GetString()))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or not text: not ours.
        }

        return false;
    }

    public Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken) =>
        new DebianTrackerStream(content, origin, sink).ReadAsync(cancellationToken);

    private static bool Next(ref Utf8JsonReader reader, JsonTokenType expected) => reader.Read() && reader.TokenType == expected;
}
