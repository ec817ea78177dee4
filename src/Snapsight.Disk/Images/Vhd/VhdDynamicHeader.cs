using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;
using H = Snapsight.Disk.Images.Vhd.VhdDynamicHeaderLayout;

namespace Snapsight.Disk.Images.Vhd;

/// <summary>The validated fields of a dynamic (or differencing) disk header.</summary>
internal sealed record VhdDynamicHeader(long TableOffset, int MaxTableEntries, int BlockSize, string ParentName)
{
    private const string Structure = "vhd.dynamic-header";

    public int SectorsPerBlock => BlockSize / H.SectorSize;

    /// <summary>The sector bitmap before each block's data, padded to a whole sector.</summary>
    public int BitmapBytes => (SectorsPerBlock / 8 + H.SectorSize - 1) / H.SectorSize * H.SectorSize;

    public static async Task<VhdDynamicHeader> ReadAsync(IBlockDevice container, long offset, long virtualSize, CancellationToken cancellationToken)
    {
        var h = await container.ReadBytesAsync(offset, H.Size, VhdImage.Layer, Structure, cancellationToken).ConfigureAwait(false);
        if (!h.AsSpan(H.Cookie).StartsWith(H.CookieValue))
        {
            throw new DiskFormatException(VhdImage.Layer, Structure, offset, "missing the cxsparse cookie");
        }

        if (!VhdChecksum.IsValid(h, H.Checksum))
        {
            throw new DiskFormatException(VhdImage.Layer, Structure, offset, "checksum mismatch");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(H.HeaderVersion));
        if (version != 0x0001_0000)
        {
            throw new UnsupportedFeatureException(VhdImage.Layer, Structure, offset + H.HeaderVersion, [$"header version 0x{version:x8}"]);
        }

        var tableOffset = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(H.TableOffset));
        var entries = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(H.MaxTableEntries));
        var blockSize = BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(H.BlockSize));
        if (blockSize is < H.MinBlockSize or > H.MaxBlockSize || !uint.IsPow2(blockSize))
        {
            throw new DiskFormatException(VhdImage.Layer, Structure, offset + H.BlockSize,
                $"block size {blockSize} is not a power of two from {H.MinBlockSize} to {H.MaxBlockSize}");
        }

        // qemu refuses more entries than the format's largest disk holds ("Too many blocks"); the
        // int bound is ours (entries index the table as int). A sparse file of 8 GiB or more
        // passes the file-length check below, so this cap is what keeps the count in range.
        var maxEntries = Math.Min(int.MaxValue, H.MaxDiskSize / blockSize);
        if (entries > maxEntries)
        {
            throw new DiskFormatException(VhdImage.Layer, Structure, offset + H.MaxTableEntries,
                $"max table entries {entries} exceeds {maxEntries}, the most a {H.MaxDiskSize}-byte disk in blocks of {blockSize} needs");
        }

        var needed = (virtualSize + blockSize - 1) / blockSize;
        if (entries < needed)
        {
            throw new DiskFormatException(VhdImage.Layer, Structure, offset + H.MaxTableEntries,
                $"max table entries {entries} cannot cover {virtualSize} bytes in blocks of {blockSize}");
        }

        // The BAT must lie inside the file: this also bounds an enormous max table entries.
        if (tableOffset > (ulong)container.Length || (long)entries * 4 > container.Length - (long)tableOffset)
        {
            throw new DiskFormatException(VhdImage.Layer, Structure, offset + H.TableOffset,
                $"BAT of {entries} entries at {tableOffset} lies past the end of the {container.Length}-byte file");
        }

        var parent = Encoding.BigEndianUnicode.GetString(h.AsSpan(H.ParentUnicodeName, H.ParentUnicodeNameLength)).TrimEnd('\0');
        return new VhdDynamicHeader((long)tableOffset, (int)entries, (int)blockSize, parent);
    }
}
