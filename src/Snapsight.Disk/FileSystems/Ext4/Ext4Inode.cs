using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Ext4.Ext4InodeLayout;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// One parsed inode. <see cref="Raw"/> keeps the whole on-disk inode (128 bytes or
/// s_inode_size) because inline data continues in the extended-attribute area after i_extra_isize.
/// </summary>
internal sealed class Ext4Inode
{
    private const string Structure = "ext4.inode";

    private Ext4Inode(long number, long offset, byte[] raw)
    {
        Number = number;
        DeviceOffset = offset;
        Raw = raw;
    }

    public long Number { get; }
    public long DeviceOffset { get; }
    public byte[] Raw { get; }
    public int Mode { get; private init; }
    public FileType Type => FileTypes.FromMode(Mode);
    public long Uid { get; private init; }
    public long Gid { get; private init; }
    public long Size { get; private init; }
    public int LinksCount { get; private init; }
    public uint Flags { get; private init; }
    public long FileAcl { get; private init; }
    public long Blocks512 { get; private init; }
    public int ExtraIsize { get; private init; }
    public DateTimeOffset ModifiedAt { get; private init; }

    public ReadOnlySpan<byte> Block => Raw.AsSpan(L.Block, L.BlockSize);

    public bool HasFlag(uint flag) => (Flags & flag) != 0;

    /// <summary>Where the in-inode extended attribute area starts (after the extra fields), or the inode end if there is none.</summary>
    public int ExtendedAttributeStart => L.GoodOldInodeSize + ExtraIsize;

    public static Ext4Inode Parse(long number, long offset, byte[] raw, Ext4Superblock superblock)
    {
        var span = raw.AsSpan();
        var extraIsize = 0;
        if (raw.Length > L.GoodOldInodeSize)
        {
            // The kernel rejects an i_extra_isize that is unaligned or runs past the inode.
            extraIsize = BinaryPrimitives.ReadUInt16LittleEndian(span[L.ExtraIsize..]);
            if (extraIsize > raw.Length - L.GoodOldInodeSize || (extraIsize & 3) != 0)
            {
                throw Ext4Error.At(Structure, offset + L.ExtraIsize, $"inode {number}: i_extra_isize {extraIsize} does not fit a {raw.Length}-byte inode");
            }
        }

        var flags = BinaryPrimitives.ReadUInt32LittleEndian(span[L.Flags..]);
        var size = (ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[L.SizeLo..])
            | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[L.SizeHigh..]) << 32);
        var maxSize = MaxFileSize(superblock, (flags & L.ExtentsFlag) != 0);
        if (size > (ulong)maxSize)
        {
            throw Ext4Error.At(Structure, offset + L.SizeLo, $"inode {number}: i_size {size} exceeds the {maxSize}-byte limit of its block map");
        }

        var seconds = (long)BinaryPrimitives.ReadInt32LittleEndian(span[L.Mtime..]);
        var nanoseconds = 0L;
        if (extraIsize >= L.MtimeExtra + 4 - L.GoodOldInodeSize)
        {
            // i_mtime_extra: the low 2 bits extend the seconds beyond 2038, the rest are nanoseconds.
            var extra = BinaryPrimitives.ReadUInt32LittleEndian(span[L.MtimeExtra..]);
            seconds += (long)(extra & 3) << 32;
            nanoseconds = extra >> 2;
        }

        var blocks = (long)BinaryPrimitives.ReadUInt32LittleEndian(span[L.BlocksLo..])
            | ((long)BinaryPrimitives.ReadUInt16LittleEndian(span[L.BlocksHigh..]) << 32);
        return new Ext4Inode(number, offset, raw)
        {
            Mode = BinaryPrimitives.ReadUInt16LittleEndian(span[L.Mode..]),
            Uid = BinaryPrimitives.ReadUInt16LittleEndian(span[L.Uid..]) | ((long)BinaryPrimitives.ReadUInt16LittleEndian(span[L.UidHigh..]) << 16),
            Gid = BinaryPrimitives.ReadUInt16LittleEndian(span[L.Gid..]) | ((long)BinaryPrimitives.ReadUInt16LittleEndian(span[L.GidHigh..]) << 16),
            Size = (long)size,
            LinksCount = BinaryPrimitives.ReadUInt16LittleEndian(span[L.LinksCount..]),
            Flags = flags,
            FileAcl = BinaryPrimitives.ReadUInt32LittleEndian(span[L.FileAclLo..]),
            // With huge_file and EXT4_HUGE_FILE_FL, i_blocks counts file system blocks, not 512-byte sectors.
            Blocks512 = (flags & L.HugeFileFlag) != 0 ? blocks << (superblock.LogBlockSize + 1) : blocks,
            ExtraIsize = extraIsize,
            ModifiedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, -62135596800L, 253402300799L)).AddTicks(nanoseconds / 100),
        };
    }

    /// <summary>
    /// The largest i_size a block map can address: extents use 32-bit logical block numbers;
    /// the classic map reaches 12 direct + one single, double and triple indirect tree.
    /// </summary>
    public static long MaxFileSize(Ext4Superblock superblock, bool extents)
    {
        var blockSize = (long)superblock.BlockSize;
        if (extents)
        {
            return (1L << 32) * blockSize;
        }

        var perBlock = blockSize / 4;
        return (12 + perBlock + perBlock * perBlock + perBlock * perBlock * perBlock) * blockSize;
    }
}
