using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Snapsight.Advisories.Feeds;

/// <summary>
/// Streams the elements of one array property of a top-level JSON object ("vulnerabilities" of
/// an NVD page or the KEV catalogue) without holding the file: each element is handed out as its
/// own bytes, to be parsed alone. Only one window of the file is buffered; the window grows to
/// hold one element or one token whole and no further than <c>maxElementBytes</c>, so an element
/// (or any token elsewhere) over that cap ends the file with a <see cref="FeedFormatException"/>.
/// Everything else in the file is read token by token and dropped.
/// </summary>
public static class JsonArrayStream
{
    private const int InitialWindow = 64 * 1024;

    /// <summary>Nesting allowed anywhere in the file; feeds need fewer than ten levels.</summary>
    public const int MaxDepth = 64;

    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ElementsAsync(
        Stream content,
        string arrayProperty,
        bool arrayRequired,
        int maxElementBytes,
        string format,
        string origin,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = new Cursor(arrayProperty, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
        var window = new byte[Math.Min(InitialWindow, maxElementBytes)];
        int start = 0, end = 0;
        var finalBlock = false;
        var elements = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            start = SkipWhitespace(window, start, end);
            bool done;
            try
            {
                done = cursor.Advance(window.AsSpan(start, end - start), finalBlock, elements, out var consumed);
                start += consumed;
            }
            catch (JsonException e)
            {
                throw new FeedFormatException(format, origin, $"not valid JSON: {e.Message}");
            }

            foreach (var element in elements)
            {
                yield return element;
            }

            elements.Clear();
            if (done)
            {
                if (arrayRequired && !cursor.SawArray)
                {
                    throw new FeedFormatException(format, origin, $"no top-level \"{arrayProperty}\" array");
                }

                yield break;
            }

            if (finalBlock)
            {
                throw new FeedFormatException(format, origin, "the JSON ends early");
            }

            // Keep the unread tail; grow the window when the tail fills half of it, and fill the
            // rest whole, so an element spanning windows is rescanned a logarithmic number of times.
            var pending = end - start;
            if (pending >= maxElementBytes)
            {
                throw new FeedFormatException(format, origin, $"an element or value over the {maxElementBytes}-byte cap");
            }

            var target = pending > window.Length / 2 && window.Length < maxElementBytes ? new byte[(int)Math.Min((long)window.Length * 2, maxElementBytes)] : window;
            window.AsSpan(start, pending).CopyTo(target);
            window = target;
            start = 0;
            end = pending;
            var read = await content.ReadAtLeastAsync(window.AsMemory(end), window.Length - end, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            end += read;
            finalBlock = end < window.Length;
        }
    }

    /// <summary>
    /// Drops the whitespace at the start of the unread tail, and after a comma there (kept, as the
    /// reader's state expects it): it carries nothing, so a sea of it never fills the window.
    /// </summary>
    private static int SkipWhitespace(byte[] window, int start, int end)
    {
        var comma = start < end && window[start] == (byte)',';
        var from = comma ? start + 1 : start;
        var token = window.AsSpan(from, end - from).IndexOfAnyExcept(" \t\r\n"u8);
        var next = token >= 0 ? from + token : end;
        if (!comma || next == from)
        {
            return comma ? start : next;
        }

        window[next - 1] = (byte)',';
        return next - 1;
    }

    /// <summary>Where the scan stands between windows; the reader itself cannot outlive one.</summary>
    private sealed class Cursor(string arrayProperty, JsonReaderState state)
    {
        private JsonReaderState _state = state;
        private bool _started;
        private bool _inArray;
        private bool _expectArray;

        public bool SawArray { get; private set; }

        /// <summary>Reads what it can of <paramref name="data"/>; true when the top-level object has ended.</summary>
        public bool Advance(ReadOnlySpan<byte> data, bool finalBlock, List<ReadOnlyMemory<byte>> elements, out int consumed)
        {
            if (!_started && data.StartsWith("\uFEFF"u8))
            {
                // A byte-order mark is not JSON; step over it before the reader sees it.
                var done = Advance(data[3..], finalBlock, elements, out consumed);
                consumed += 3;
                return done;
            }

            var reader = new Utf8JsonReader(data, finalBlock, _state);
            var safe = 0;
            var safeState = _state;
            while (true)
            {
                if (!reader.Read())
                {
                    break;
                }

                if (!_started)
                {
                    _started = true;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException("the file is not a JSON object");
                    }
                }
                else if (_expectArray)
                {
                    _expectArray = false;
                    _inArray = reader.TokenType == JsonTokenType.StartArray;
                    SawArray |= _inArray;
                }
                else if (_inArray && reader.CurrentDepth == 2)
                {
                    var elementStart = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        // The element is not all in this window: resume before it next time.
                        consumed = safe;
                        _state = safeState;
                        return false;
                    }

                    elements.Add(data[elementStart..(int)reader.BytesConsumed].ToArray());
                }
                else if (_inArray && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray)
                {
                    _inArray = false;
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    _expectArray = reader.ValueTextEquals(arrayProperty);
                }
                else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    consumed = (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    return true;
                }

                safe = (int)reader.BytesConsumed;
                safeState = reader.CurrentState;
            }

            consumed = safe;
            _state = safeState;
            return false;
        }
    }
}
