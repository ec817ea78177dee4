namespace Snapsight.Inventory.Packages;

/// <summary>Editors on Windows put a UTF-8 byte-order mark before text manifests; their own tools ignore it, and so do we.</summary>
public static class ByteOrderMark
{
    public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> text) => text.StartsWith("\uFEFF"u8) ? text[3..] : text;

    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> text) => text.Span.StartsWith("\uFEFF"u8) ? text[3..] : text;
}
