using System.Buffers.Binary;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// One mapping of file blocks to device blocks. <see cref="DeviceBlock"/> is already linear
/// (AG × sb_agblocks + block) and bounds-checked; unwritten (preallocated) extents read as zeros.
/// </summary>
internal readonly record struct XfsExtent(long FileBlock, long DeviceBlock, long Count, bool Unwritten)
{
    public long FileBlockEnd => FileBlock + Count;

    /// <summary>
    /// Decodes a 128-bit bmbt record (struct xfs_bmbt_rec, "Data Extents" in the XFS on-disk
    /// format document): bit 127 unwritten flag, bits 126–73 file offset (54 bits), bits 72–21
    /// start block (52 bits), bits 20–0 block count (21 bits).
    /// </summary>
    public static XfsExtent Decode(ReadOnlySpan<byte> record, XfsAddressing addressing, string structure, long offset)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(record);
        var low = BinaryPrimitives.ReadUInt64BigEndian(record[8..]);
        var unwritten = (high >> 63) != 0;
        var fileBlock = (long)((high & ~(1UL << 63)) >> 9);
        var startBlock = ((high & 0x1FF) << 43) | (low >> 21);
        var count = (long)(low & 0x1FFFFF);
        if (count == 0)
        {
            throw new DiskFormatException("xfs", structure, offset, $"extent at file block {fileBlock} has length 0");
        }

        var linear = addressing.LinearBlock(startBlock, count, structure, offset);
        return new XfsExtent(fileBlock, linear, count, unwritten);
    }
}
