namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Byte offsets in the on-disk inode core (struct xfs_dinode, big-endian) from "XFS
/// Algorithms &amp; Data Structures", chapter "On-disk Inode". Version 1 and 2 cores are
/// 100 bytes; version 3 (v5 file systems) adds CRC, flags2, crtime and the inode number,
/// for 176 bytes. The data fork follows the core ("literal area").
/// </summary>
internal static class XfsInodeCoreLayout
{
    public const ushort Magic = 0x494E; // "IN"

    public const int MagicNumber = 0x00;
    public const int Mode = 0x02;
    public const int Version = 0x04;
    public const int Format = 0x05;
    public const int OldLinkCount = 0x06; // di_onlink, version 1 only
    public const int Uid = 0x08;
    public const int Gid = 0x0C;
    public const int LinkCount = 0x10; // di_nlink, version 2 and 3
    /// <summary>di_big_nextents: with XFS_DIFLAG2_NREXT64 the data fork's extent count is 64 bits here.</summary>
    public const int BigExtentCount = 0x18;
    public const int ModifiedTime = 0x28;
    public const int Size = 0x38;
    public const int ExtentCount = 0x4C; // di_nextents (32 bits) unless NREXT64
    public const int AttributeExtentCount = 0x50; // di_anextents (16 bits) unless NREXT64
    /// <summary>di_big_anextents: with NREXT64 the attribute fork's 32-bit extent count moves here.</summary>
    public const int BigAttributeExtentCount = 0x4C;
    public const int ForkOffset = 0x52;
    public const int Flags = 0x5A;
    public const int Crc = 0x64; // version 3
    public const int Flags2 = 0x78; // version 3
    public const int InodeNumber = 0x98; // version 3

    public const int V2CoreSize = 100;
    public const int V3CoreSize = 176;

    // di_format (xfs_dinode_fmt_t)
    public const byte FormatDevice = 0;
    public const byte FormatLocal = 1;
    public const byte FormatExtents = 2;
    public const byte FormatBtree = 3;

    // di_flags: the file's data lives on the realtime device.
    public const ushort FlagRealtime = 0x0001;

    // di_flags2
    public const ulong Flags2BigTime = 0x08;
    public const ulong Flags2LargeExtentCounts = 0x10;
}
