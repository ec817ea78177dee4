namespace Snapsight.Inventory.Languages.DotNet;

/// <summary>
/// The line of a byte offset, for problem messages: the JSON reader does not say it, so lines
/// are counted forward from the last offset asked about (offsets only grow while reading).
/// </summary>
internal struct LineCounter
{
    private long countedTo;
    private int line;

    public int LineAt(ReadOnlySpan<byte> text, long offset)
    {
        var end = (int)Math.Clamp(offset, countedTo, text.Length);
        line += text[(int)countedTo..end].Count((byte)'\n');
        countedTo = end;
        return line + 1;
    }
}
