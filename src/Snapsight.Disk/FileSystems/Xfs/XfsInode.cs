using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Xfs.XfsInodeCoreLayout;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// One validated on-disk inode: the core fields we use and the data fork's bytes. The data
/// fork size comes from di_forkoff (in 8-byte units; 0 means no attribute fork and the whole
/// literal area is data fork).
/// </summary>
internal sealed class XfsInode
{
    private const string Structure = "xfs.inode";

    public required ulong Number { get; init; }
    public required long Offset { get; init; }
    public required int Mode { get; init; }
    public required byte Format { get; init; }
    public required long Uid { get; init; }
    public required long Gid { get; init; }
    public required long LinkCount { get; init; }
    public required long Size { get; init; }
    public required long ExtentCount { get; init; }
    public required bool IsRealtime { get; init; }
    public required DateTimeOffset? ModifiedAt { get; init; }
    public required ReadOnlyMemory<byte> DataFork { get; init; }

    /// <summary>The device offset of the data fork, for error messages about its contents.</summary>
    public long DataForkOffset { get; init; }

    public FileType Type => FileTypes.FromMode(Mode);

    public static XfsInode Parse(ReadOnlyMemory<byte> raw, ulong number, long offset, XfsSuperblock sb, FileSystemWarnings warnings)
    {
        var span = raw.Span;
        var magic = BinaryPrimitives.ReadUInt16BigEndian(span[L.MagicNumber..]);
        if (magic != L.Magic)
        {
            throw Bad(offset, number, $"di_magic 0x{magic:x4} is not \"IN\"");
        }

        var version = span[L.Version];
        // v5 file systems write only version 3 cores; v4 file systems write versions 1 and 2.
        if (sb.Version == 5 ? version != 3 : version is not (1 or 2))
        {
            throw Bad(offset, number, $"di_version {version} is not valid on a v{sb.Version} file system");
        }

        var coreSize = version == 3 ? L.V3CoreSize : L.V2CoreSize;
        if (version == 3)
        {
            var stamped = BinaryPrimitives.ReadUInt64BigEndian(span[L.InodeNumber..]);
            if (stamped != number)
            {
                throw Bad(offset, number, $"di_ino {stamped} differs from the inode number {number} that led here");
            }

            if (!XfsChecksum.Verify(span, L.Crc))
            {
                warnings.Add($"inode {number}: CRC32C mismatch");
            }
        }

        var forkOffset = span[L.ForkOffset];
        var literalSize = sb.InodeSize - coreSize;
        var dataForkSize = forkOffset == 0 ? literalSize : forkOffset * 8;
        if (forkOffset != 0 && dataForkSize >= literalSize)
        {
            throw Bad(offset, number, $"di_forkoff {forkOffset} (×8 = {forkOffset * 8}) lies past the {literalSize}-byte literal area");
        }

        var flags2 = version == 3 ? BinaryPrimitives.ReadUInt64BigEndian(span[L.Flags2..]) : 0;
        var largeCounts = (flags2 & L.Flags2LargeExtentCounts) != 0;
        var attributeExtents = largeCounts
            ? BinaryPrimitives.ReadUInt32BigEndian(span[L.BigAttributeExtentCount..])
            : BinaryPrimitives.ReadUInt16BigEndian(span[L.AttributeExtentCount..]);
        // Without an attribute fork (di_forkoff 0) the data fork fills the literal area; attribute
        // extents would then overlap it (the kernel's xfs_dinode_verify rejects this too).
        if (forkOffset == 0 && attributeExtents != 0)
        {
            throw Bad(offset, number, $"di_forkoff 0 (no attribute fork) but {attributeExtents} attribute extents");
        }

        var format = span[L.Format];
        var size = BinaryPrimitives.ReadInt64BigEndian(span[L.Size..]);
        if (size < 0)
        {
            throw Bad(offset, number, $"di_size {size} is negative");
        }

        var extentCount = largeCounts
            ? BinaryPrimitives.ReadUInt64BigEndian(span[L.BigExtentCount..])
            : BinaryPrimitives.ReadUInt32BigEndian(span[L.ExtentCount..]);
        if (largeCounts && (sb.Incompat & XfsFeatures.IncompatLargeExtentCounts) == 0)
        {
            throw Bad(offset, number, "XFS_DIFLAG2_NREXT64 is set but the superblock lacks nrext64");
        }

        return new XfsInode
        {
            Number = number,
            Offset = offset,
            Mode = BinaryPrimitives.ReadUInt16BigEndian(span[L.Mode..]),
            Format = format,
            Uid = BinaryPrimitives.ReadUInt32BigEndian(span[L.Uid..]),
            Gid = BinaryPrimitives.ReadUInt32BigEndian(span[L.Gid..]),
            LinkCount = version == 1
                ? BinaryPrimitives.ReadUInt16BigEndian(span[L.OldLinkCount..])
                : BinaryPrimitives.ReadUInt32BigEndian(span[L.LinkCount..]),
            Size = size,
            ExtentCount = (long)Math.Min(extentCount, long.MaxValue),
            IsRealtime = (BinaryPrimitives.ReadUInt16BigEndian(span[L.Flags..]) & L.FlagRealtime) != 0,
            ModifiedAt = ReadTime(span[L.ModifiedTime..], sb.HasBigTime && (flags2 & L.Flags2BigTime) != 0),
            DataFork = raw.Slice(coreSize, dataForkSize),
            DataForkOffset = offset + coreSize,
        };
    }

    /// <summary>
    /// Classic timestamps are signed 32-bit seconds plus nanoseconds; bigtime ones are one
    /// unsigned 64-bit nanosecond count from 1901-12-13T20:45:52Z (xfs_format.h, XFS_BIGTIME_EPOCH_OFFSET).
    /// </summary>
    private static DateTimeOffset? ReadTime(ReadOnlySpan<byte> raw, bool bigTime)
    {
        if (bigTime)
        {
            var ns = BinaryPrimitives.ReadUInt64BigEndian(raw);
            var seconds = (long)(ns / 1_000_000_000) - (1L << 31);
            return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks((long)(ns % 1_000_000_000) / 100);
        }

        var sec = BinaryPrimitives.ReadInt32BigEndian(raw);
        var nsec = BinaryPrimitives.ReadUInt32BigEndian(raw[4..]);
        return nsec >= 1_000_000_000 ? null : DateTimeOffset.FromUnixTimeSeconds(sec).AddTicks(nsec / 100);
    }

    private static DiskFormatException Bad(long offset, ulong number, string problem) =>
        new("xfs", Structure, offset, $"inode {number}: {problem}");
}
