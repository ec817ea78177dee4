using System.Runtime.CompilerServices;
using System.Text;

namespace Snapsight.Advisories.Feeds;

/// <summary>
/// Reads a text feed line by line with a cap on each line: a line longer than the cap is
/// handed out as <see cref="BoundedLine.TooLong"/> with no text and is never buffered, so a
/// file of one endless line costs no more memory than a short one. Lines end at "\n"; a
/// trailing "\r" is dropped. Text is UTF-8 (invalid bytes become U+FFFD).
/// </summary>
public static class BoundedLines
{
    public static async IAsyncEnumerable<BoundedLine> ReadAsync(Stream content, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        var line = new byte[maxLineBytes];
        var length = 0;
        var tooLong = false;
        var number = 1;
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var rest = chunk.AsMemory(0, read);
            while (!rest.IsEmpty)
            {
                var newline = rest.Span.IndexOf((byte)'\n');
                var piece = newline < 0 ? rest : rest[..newline];
                if (!tooLong && length + piece.Length <= maxLineBytes)
                {
                    piece.CopyTo(line.AsMemory(length));
                    length += piece.Length;
                }
                else
                {
                    tooLong = true;
                }

                if (newline < 0)
                {
                    break;
                }

                yield return Finish(number++, line, length, tooLong);
                length = 0;
                tooLong = false;
                rest = rest[(newline + 1)..];
            }
        }

        if (length > 0 || tooLong)
        {
            yield return Finish(number, line, length, tooLong);
        }
    }

    private static BoundedLine Finish(int number, byte[] line, int length, bool tooLong)
    {
        if (tooLong)
        {
            return new BoundedLine(number, null);
        }

        var text = line.AsSpan(0, length);
        return new BoundedLine(number, Encoding.UTF8.GetString(text.EndsWith("\r"u8) ? text[..^1] : text));
    }
}
