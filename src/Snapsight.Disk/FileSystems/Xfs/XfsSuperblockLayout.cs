namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Byte offsets in the XFS superblock (struct xfs_dsb, big-endian), as given in the
/// "XFS Algorithms &amp; Data Structures" document, chapter "Superblocks". Offsets from
/// <see cref="FeaturesCompat"/> on exist only in version 5 superblocks.
/// </summary>
internal static class XfsSuperblockLayout
{
    public const uint Magic = 0x58465342; // "XFSB"

    public const int MagicNumber = 0x00;
    public const int BlockSize = 0x04;
    public const int DataBlocks = 0x08;
    public const int RealtimeBlocks = 0x10;
    public const int Uuid = 0x20;
    public const int LogStart = 0x30;
    public const int RootInode = 0x38;
    public const int AgBlocks = 0x54;
    public const int AgCount = 0x58;
    public const int LogBlocks = 0x60;
    public const int VersionNumber = 0x64;
    public const int SectorSize = 0x66;
    public const int InodeSize = 0x68;
    public const int InodesPerBlock = 0x6A;
    public const int FileSystemName = 0x6C;
    public const int FileSystemNameLength = 12;
    public const int BlockLog = 0x78;
    public const int SectorLog = 0x79;
    public const int InodeLog = 0x7A;
    public const int InodesPerBlockLog = 0x7B;
    public const int AgBlockLog = 0x7C;
    public const int InProgress = 0x7E;
    public const int DirectoryBlockLog = 0xC0;
    public const int Features2 = 0xC8;
    public const int FeaturesCompat = 0xD0;
    public const int FeaturesRoCompat = 0xD4;
    public const int FeaturesIncompat = 0xD8;
    public const int FeaturesLogIncompat = 0xDC;
    public const int Crc = 0xE0;

    /// <summary>The superblock is read as one 512-byte sector: the smallest XFS sector size.</summary>
    public const int ReadLength = 512;

    // sb_versionnum: the low nibble is the version, the high bits are v4 feature flags.
    public const int VersionMask = 0x000F;
    public const int VersionDirV2Bit = 0x2000;
    public const int VersionMoreBitsBit = 0x8000;
    /// <summary>XFS_SB_VERSION_BORGBIT: ASCII case-insensitive names ("-n version=ci"), which hash differently.</summary>
    public const int VersionCaseInsensitiveBit = 0x4000;

    // sb_features2 (XFS_SB_VERSION2_*): only the directory file-type bit changes what we parse.
    public const uint Features2FileType = 0x0200;
}
