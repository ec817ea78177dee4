using System.Buffers.Binary;
using System.Numerics;
using L = Snapsight.Disk.FileSystems.Xfs.XfsSuperblockLayout;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// The validated fields of the primary superblock (AG 0, sector 0) that this reader relies on.
/// Every geometry field is checked against its log2 twin and the format's limits, so later
/// address arithmetic can trust it.
/// </summary>
internal sealed class XfsSuperblock
{
    private const string Structure = "xfs.superblock";

    public required int Version { get; init; }
    public required int BlockSize { get; init; }
    public required int BlockLog { get; init; }
    public required long DataBlocks { get; init; }
    public required long AgBlocks { get; init; }
    public required int AgCount { get; init; }
    public required int AgBlockLog { get; init; }
    public required int SectorSize { get; init; }
    public required int InodeSize { get; init; }
    public required int InodesPerBlockLog { get; init; }
    public required int DirectoryBlockSize { get; init; }
    public required ulong RootInode { get; init; }
    public required long LogStart { get; init; }
    public required long LogBlocks { get; init; }
    public required bool HasFileType { get; init; }
    public required uint Incompat { get; init; }
    public required bool CaseInsensitiveNames { get; init; }
    public required Guid Uuid { get; init; }
    public required string Label { get; init; }

    public bool HasCrc => Version == 5;

    public bool HasBigTime => (Incompat & XfsFeatures.IncompatBigTime) != 0;

    /// <summary>
    /// Parses and validates the first sector (at least 512 bytes; the whole sb_sectsize sector
    /// for the CRC check); adds tolerated oddities to <paramref name="warnings"/>.
    /// </summary>
    public static XfsSuperblock Parse(ReadOnlySpan<byte> sb, long deviceLength, FileSystemWarnings warnings)
    {
        if (sb.Length < L.ReadLength)
        {
            throw Bad(0, $"only {sb.Length} bytes; a superblock needs {L.ReadLength}");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(sb[L.MagicNumber..]);
        if (magic != L.Magic)
        {
            throw Bad(L.MagicNumber, $"sb_magicnum 0x{magic:x8} is not \"XFSB\"");
        }

        var versionNumber = BinaryPrimitives.ReadUInt16BigEndian(sb[L.VersionNumber..]);
        var version = versionNumber & L.VersionMask;
        if (version is not (4 or 5))
        {
            throw Bad(L.VersionNumber, $"sb_versionnum 0x{versionNumber:x4} has version {version}; only 4 and 5 exist");
        }

        // Directory format v1 predates 2002 (mkfs stopped writing it in xfsprogs 2.x).
        if (version == 4 && (versionNumber & L.VersionDirV2Bit) == 0)
        {
            throw new UnsupportedFeatureException("xfs", Structure, L.VersionNumber, ["dirv1"]);
        }

        var blockSize = ReadPowerOfTwo(sb, L.BlockSize, L.BlockLog, 512, 65536, "sb_blocksize");
        var sectorSize = ReadPowerOfTwo16(sb, L.SectorSize, L.SectorLog, 512, 32768, "sb_sectsize");
        var inodeSize = ReadPowerOfTwo16(sb, L.InodeSize, L.InodeLog, 256, 2048, "sb_inodesize");
        if (sectorSize > blockSize || inodeSize > blockSize)
        {
            throw Bad(L.SectorSize, $"sb_sectsize {sectorSize} or sb_inodesize {inodeSize} exceeds sb_blocksize {blockSize}");
        }

        if (version == 5 && inodeSize < 512)
        {
            throw Bad(L.InodeSize, $"sb_inodesize {inodeSize} is below 512, the minimum for v5 (v3 inodes)");
        }

        var inodesPerBlock = BinaryPrimitives.ReadUInt16BigEndian(sb[L.InodesPerBlock..]);
        var inodesPerBlockLog = sb[L.InodesPerBlockLog];
        if (inodesPerBlock != blockSize / inodeSize || 1 << inodesPerBlockLog != inodesPerBlock)
        {
            throw Bad(L.InodesPerBlock, $"sb_inopblock {inodesPerBlock} / sb_inopblog {inodesPerBlockLog} disagree with {blockSize}/{inodeSize}");
        }

        var agBlocks = BinaryPrimitives.ReadUInt32BigEndian(sb[L.AgBlocks..]);
        var agCount = BinaryPrimitives.ReadUInt32BigEndian(sb[L.AgCount..]);
        var agBlockLog = sb[L.AgBlockLog];
        // XFS_MIN_AG_BLOCKS is 64; sb_agblklog is log2 of sb_agblocks rounded up.
        if (agBlocks < 64 || agBlockLog != BitOperations.Log2(agBlocks - 1) + 1 || agBlockLog > 31)
        {
            throw Bad(L.AgBlocks, $"sb_agblocks {agBlocks} and sb_agblklog {agBlockLog} disagree");
        }

        // An inode number packs AG, block and index in 64 bits (agino must fit 32 bits).
        if (agBlockLog + inodesPerBlockLog > 32)
        {
            throw Bad(L.AgBlockLog, $"sb_agblklog {agBlockLog} + sb_inopblog {inodesPerBlockLog} exceeds 32 bits");
        }

        var dataBlocks = BinaryPrimitives.ReadUInt64BigEndian(sb[L.DataBlocks..]);
        if (agCount == 0 || dataBlocks == 0 || dataBlocks > (ulong)agCount * agBlocks
            || dataBlocks <= (ulong)(agCount - 1) * agBlocks || dataBlocks > (ulong)(long.MaxValue >> BitOperations.Log2((uint)blockSize)))
        {
            throw Bad(L.AgCount, $"sb_dblocks {dataBlocks} does not fit sb_agcount {agCount} × sb_agblocks {agBlocks}");
        }

        var directoryBlockLog = sb[L.DirectoryBlockLog];
        if (directoryBlockLog > 16 || (long)blockSize << directoryBlockLog > 65536)
        {
            throw Bad(L.DirectoryBlockLog, $"sb_dirblklog {directoryBlockLog} makes directory blocks over 64 KiB");
        }

        var features2 = BinaryPrimitives.ReadUInt32BigEndian(sb[L.Features2..]);
        var incompat = version == 5 ? BinaryPrimitives.ReadUInt32BigEndian(sb[L.FeaturesIncompat..]) : 0;
        CheckIncompat(incompat, warnings);
        // The CRC covers the whole first sector (xfs_sb_verify); callers pass it when they have it.
        if (version == 5 && sb.Length >= sectorSize)
        {
            CheckCrc(sb[..sectorSize], warnings);
        }

        if (sb[L.InProgress] != 0)
        {
            warnings.Add("sb_inprogress is set: mkfs did not finish");
        }

        var fsBytes = (long)dataBlocks << BitOperations.Log2((uint)blockSize);
        if (fsBytes > deviceLength)
        {
            warnings.Add($"the file system claims {fsBytes} bytes but the device holds {deviceLength}; reads past the end will fail");
        }

        var logBlocks = BinaryPrimitives.ReadUInt32BigEndian(sb[L.LogBlocks..]);
        var logStart = BinaryPrimitives.ReadUInt64BigEndian(sb[L.LogStart..]);

        return new XfsSuperblock
        {
            Version = version,
            BlockSize = blockSize,
            BlockLog = BitOperations.Log2((uint)blockSize),
            DataBlocks = (long)dataBlocks,
            AgBlocks = agBlocks,
            AgCount = (int)Math.Min(agCount, int.MaxValue),
            AgBlockLog = agBlockLog,
            SectorSize = sectorSize,
            InodeSize = inodeSize,
            InodesPerBlockLog = inodesPerBlockLog,
            DirectoryBlockSize = blockSize << directoryBlockLog,
            RootInode = BinaryPrimitives.ReadUInt64BigEndian(sb[L.RootInode..]),
            LogStart = logStart > long.MaxValue ? -1 : (long)logStart,
            LogBlocks = logBlocks,
            HasFileType = version == 5
                ? (incompat & XfsFeatures.IncompatFileType) != 0
                : (versionNumber & L.VersionMoreBitsBit) != 0 && (features2 & L.Features2FileType) != 0,
            Incompat = incompat,
            CaseInsensitiveNames = (versionNumber & L.VersionCaseInsensitiveBit) != 0,
            Uuid = new Guid(sb.Slice(L.Uuid, 16), bigEndian: true),
            Label = ReadLabel(sb.Slice(L.FileSystemName, L.FileSystemNameLength)),
        };
    }

    private static void CheckIncompat(uint incompat, FileSystemWarnings warnings)
    {
        var unknown = incompat & ~XfsFeatures.TolerantMask;
        if (unknown != 0)
        {
            throw new UnsupportedFeatureException("xfs", Structure, L.FeaturesIncompat, XfsFeatures.NameIncompat(unknown));
        }

        if ((incompat & XfsFeatures.IncompatNeedsRepair) != 0)
        {
            warnings.Add("needsrepair is set: xfs_repair did not finish, metadata may be inconsistent");
        }
    }

    private static void CheckCrc(ReadOnlySpan<byte> sb, FileSystemWarnings warnings)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(sb[L.Crc..]);
        var computed = XfsChecksum.Compute(sb, L.Crc);
        if (stored != computed)
        {
            warnings.Add($"superblock CRC32C mismatch (stored 0x{stored:x8}, computed 0x{computed:x8})");
        }
    }

    private static int ReadPowerOfTwo(ReadOnlySpan<byte> sb, int offset, int logOffset, int min, int max, string name)
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(sb[offset..]);
        return CheckPowerOfTwo(value, sb[logOffset], offset, min, max, name);
    }

    private static int ReadPowerOfTwo16(ReadOnlySpan<byte> sb, int offset, int logOffset, int min, int max, string name) =>
        CheckPowerOfTwo(BinaryPrimitives.ReadUInt16BigEndian(sb[offset..]), sb[logOffset], offset, min, max, name);

    private static int CheckPowerOfTwo(uint value, byte log, int offset, int min, int max, string name)
    {
        if (value < min || value > max || !BitOperations.IsPow2(value) || 1u << (log & 31) != value || log > 31)
        {
            throw Bad(offset, $"{name} {value} (log2 field {log}) is not a power of two in [{min}, {max}] matching its log");
        }

        return (int)value;
    }

    private static string ReadLabel(ReadOnlySpan<byte> raw)
    {
        var end = raw.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? raw : raw[..end]);
    }

    private static DiskFormatException Bad(long offset, string problem) => new("xfs", Structure, offset, problem);
}
