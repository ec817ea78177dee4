using System.Text.Json;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Feeds.DebianTracker;

/// <summary>
/// Streams the tracker's JSON ({package: {cve: entry}}) with <see cref="Utf8JsonReader"/> over a
/// buffer that holds at most one entry plus a read chunk: each entry's bytes are cut out whole
/// (growing the buffer up to <see cref="DebianTrackerLimits.MaxEntryBytes"/>) and handed to
/// <see cref="DebianTrackerMapper"/>. An entry over the cap, or a package or entry of the wrong
/// JSON type, is reported skipped and streamed past; broken JSON syntax ends the file with a
/// <see cref="FeedFormatException"/> (what was read before it is kept).
/// </summary>
internal sealed class DebianTrackerStream(Stream content, string origin, IFeedSink sink)
{
    private byte[] buffer = new byte[DebianTrackerLimits.ReadChunkBytes];
    private int start;
    private int end;
    private bool final;
    private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = DebianTrackerLimits.MaxDepth });
    private bool rootSeen;
    private string? package;
    private string? cve;

    /// <summary>While skipping a value too big or of the wrong type: the depth its closing token is at.</summary>
    private int skipToDepth = -1;

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
            if (Advance())
            {
                return;
            }

            if (final)
            {
                throw Damage("the file ends inside the top-level object");
            }
        }
    }

    /// <summary>Reads more bytes after what is unconsumed, growing the buffer when one entry fills it.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (final)
        {
            return;
        }

        var pending = end - start;
        if (pending == buffer.Length)
        {
            // An entry being cut out fills the buffer: Advance passes it by once it reaches the cap,
            // so a full buffer at the largest size is one token (a name or string) over the cap.
            if (buffer.Length >= DebianTrackerLimits.MaxEntryBytes)
            {
                throw Damage($"a single JSON token over the {DebianTrackerLimits.MaxEntryBytes}-byte cap");
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, DebianTrackerLimits.MaxEntryBytes + DebianTrackerLimits.ReadChunkBytes));
        }

        if (start > 0)
        {
            buffer.AsSpan(start, pending).CopyTo(buffer);
            start = 0;
            end = pending;
        }

        var read = await content.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        end += read;
        final = read == 0;
    }

    /// <summary>Consumes every complete token in the buffer; true when the top-level object has ended.</summary>
    private bool Advance()
    {
        if (!rootSeen && start == 0 && end >= 3)
        {
            // Recognition skips a byte-order mark, so reading does too.
            start = ByteOrderMark.Skip(buffer.AsSpan(0, end)).Length == end ? 0 : 3;
        }

        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var consumedBefore = reader.BytesConsumed;
                if (!reader.Read())
                {
                    Commit(reader.CurrentState, reader.BytesConsumed);
                    return false;
                }

                if (!rootSeen)
                {
                    rootSeen = reader.TokenType == JsonTokenType.StartObject ? true : throw Damage("the top level is not a JSON object");
                    continue;
                }

                if (skipToDepth >= 0)
                {
                    if (reader.CurrentDepth == skipToDepth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        skipToDepth = -1;
                    }

                    continue;
                }

                switch (reader.CurrentDepth, reader.TokenType)
                {
                    case (0, JsonTokenType.EndObject):
                        Commit(reader.CurrentState, reader.BytesConsumed);
                        return true;
                    case (1, JsonTokenType.PropertyName):
                        package = reader.GetString();
                        break;
                    case (1, JsonTokenType.StartObject or JsonTokenType.EndObject):
                        break;
                    case (1, _):
                        SkipValue(ref reader, 1, package!, "expected a JSON object of CVEs");
                        break;
                    case (2, JsonTokenType.PropertyName):
                        cve = reader.GetString();
                        break;
                    case (2, JsonTokenType.StartObject or JsonTokenType.StartArray):
                        var entryStart = reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            // The entry is not all in the buffer: come back to its start with more bytes, or pass it by when it is over the cap.
                            if (end - start - consumedBefore >= DebianTrackerLimits.MaxEntryBytes)
                            {
                                sink.Skipped(Where(), $"entry over the {DebianTrackerLimits.MaxEntryBytes}-byte cap");
                                skipToDepth = 2;
                                break;
                            }

                            Commit(before, consumedBefore);
                            return false;
                        }

                        MapEntry(buffer.AsMemory(start + (int)entryStart, (int)(reader.BytesConsumed - entryStart)));
                        break;
                    default:
                        sink.Skipped(Where(), $"expected a JSON object, found {reader.TokenType}");
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw Damage($"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw Damage($"a name is not valid UTF-16: {e.Message}");
        }
    }

    private void SkipValue(ref Utf8JsonReader reader, int depth, string where, string problem)
    {
        sink.Skipped($"{origin}: {where}", $"{problem}, found {reader.TokenType}");
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            skipToDepth = depth;
        }
    }

    private void MapEntry(ReadOnlyMemory<byte> json)
    {
        try
        {
            if (DebianTrackerMapper.Map(package!, cve!, json) is { } advisory)
            {
                sink.Add(advisory);
            }
        }
        catch (FeedFormatException e)
        {
            sink.Skipped($"{origin}: {e.Structure}", e.Problem);
        }
    }

    private void Commit(JsonReaderState readerState, long consumed)
    {
        state = readerState;
        start += (int)consumed;
    }

    private string Where() => $"{origin}: {package}/{cve}";

    private FeedFormatException Damage(string problem) => new(DebianTrackerMapper.Feed, $"{origin}: {package}/{cve}", problem);
}
