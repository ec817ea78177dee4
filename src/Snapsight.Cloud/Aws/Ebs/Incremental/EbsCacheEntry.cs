using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>
/// One cached block on disk: a header (magic, the block's index, the SHA-256 of the data) and the
/// 512 KiB of data. A block is served back only when the file has exactly this length, the magic,
/// the index asked for (a file in the wrong place is refused) and a data hash equal to the header's.
/// </summary>
internal static class EbsCacheEntry
{
    public const int MagicOffset = 0;
    public const int IndexOffset = 8;
    public const int HashOffset = 16;
    public const int HeaderSize = HashOffset + SHA256.HashSizeInBytes;
    public const int Size = HeaderSize + EbsLimits.BlockSize;

    private static ReadOnlySpan<byte> Magic => "SSEBSB01"u8;

    /// <summary>The header of <paramref name="data"/>, the block at <paramref name="blockIndex"/>.</summary>
    public static byte[] Header(long blockIndex, ReadOnlySpan<byte> data)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header.AsSpan(MagicOffset));
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(IndexOffset), blockIndex);
        SHA256.HashData(data, header.AsSpan(HashOffset));
        return header;
    }

    /// <summary>Whether the header and data read are a whole, intact entry of block <paramref name="blockIndex"/>.</summary>
    public static bool Holds(ReadOnlySpan<byte> header, ReadOnlySpan<byte> data, long blockIndex)
    {
        if (header.Length != HeaderSize || data.Length != EbsLimits.BlockSize || !header[..IndexOffset].SequenceEqual(Magic)
            || BinaryPrimitives.ReadInt64LittleEndian(header[IndexOffset..]) != blockIndex)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return hash.SequenceEqual(header[HashOffset..]);
    }
}
