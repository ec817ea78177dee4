namespace Snapsight.Inventory.Packages;

/// <summary>
/// Walks the lines of a text package database without copying: LF or CRLF endings, a last
/// line with no ending, and a line-length bound checked before the caller looks at the line.
/// </summary>
internal ref struct DatabaseLines(ReadOnlySpan<byte> text, int maxLineBytes)
{
    private ReadOnlySpan<byte> remaining = text;

    /// <summary>The current line, without its line ending.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>1-based number of <see cref="Current"/>.</summary>
    public int LineNumber { get; private set; }

    /// <summary>True when <see cref="Current"/> is longer than the bound; the caller stops there.</summary>
    public bool CurrentIsTooLong { get; private set; }

    public bool MoveNext()
    {
        if (remaining.IsEmpty)
        {
            return false;
        }

        var end = remaining.IndexOf((byte)'\n');
        var line = end < 0 ? remaining : remaining[..end];
        remaining = end < 0 ? default : remaining[(end + 1)..];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        LineNumber++;
        CurrentIsTooLong = line.Length > maxLineBytes;
        Current = line;
        return true;
    }

    /// <summary>Empty, or only spaces and tabs: a record separator in both dpkg and apk databases.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    /// <summary>
    /// The part of <paramref name="text"/> within <paramref name="maxTotalBytes"/>, cut after the
    /// last record separator before the bound so that no record is read half; records past the
    /// cut are lost and the caller records that.
    /// </summary>
    public static ReadOnlySpan<byte> WithinTotalBound(ReadOnlySpan<byte> text, long maxTotalBytes, out bool cut)
    {
        cut = text.Length > maxTotalBytes;
        if (!cut)
        {
            return text;
        }

        var head = text[..(int)maxTotalBytes];
        var separator = Math.Max(head.LastIndexOf("\n\n"u8), head.LastIndexOf("\n\r\n"u8));
        return separator < 0 ? default : head[..(separator + 1)];
    }
}
