namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// The feature bits of s_feature_compat, s_feature_incompat and s_feature_ro_compat, named as
/// e2fsprogs names them (lib/ext2fs/ext2_fs.h, Documentation/filesystems/ext4/super.rst), and
/// which incompatible ones this read-only reader understands.
/// </summary>
internal static class Ext4Features
{
    public const uint CompatHasJournal = 0x4;
    public const uint CompatDirIndex = 0x20;

    public const uint IncompatFiletype = 0x2;
    public const uint IncompatRecover = 0x4;
    public const uint IncompatMetaBg = 0x10;
    public const uint IncompatExtents = 0x40;
    public const uint Incompat64Bit = 0x80;
    public const uint IncompatEncrypt = 0x10000;
    public const uint IncompatCasefold = 0x20000;
    public const uint IncompatCsumSeed = 0x2000;
    public const uint IncompatInlineData = 0x8000;
    public const uint IncompatLargeDir = 0x4000;

    public const uint RoCompatGdtCsum = 0x10;
    public const uint RoCompatBigalloc = 0x200;
    public const uint RoCompatMetadataCsum = 0x400;
    public const uint RoCompatSparseSuper = 0x1;
    public const uint CompatSparseSuper2 = 0x200;

    private static readonly (uint Bit, string Name)[] IncompatNames =
    [
        (0x1, "compression"), (0x2, "filetype"), (0x4, "needs_recovery"), (0x8, "journal_dev"),
        (0x10, "meta_bg"), (0x40, "extent"), (0x80, "64bit"), (0x100, "mmp"), (0x200, "flex_bg"),
        (0x400, "ea_inode"), (0x1000, "dirdata"), (0x2000, "metadata_csum_seed"), (0x4000, "large_dir"),
        (0x8000, "inline_data"), (0x10000, "encrypt"), (0x20000, "casefold"),
    ];

    private static readonly (uint Bit, string Name)[] RoCompatNames =
    [
        (0x1, "sparse_super"), (0x2, "large_file"), (0x4, "btree_dir"), (0x8, "huge_file"), (0x10, "uninit_bg"),
        (0x20, "dir_nlink"), (0x40, "extra_isize"), (0x80, "snapshot"), (0x100, "quota"), (0x200, "bigalloc"),
        (0x400, "metadata_csum"), (0x800, "replica"), (0x1000, "read-only"), (0x2000, "project"),
        (0x4000, "shared_blocks"), (0x8000, "verity"), (0x10000, "orphan_present"),
    ];

    /// <summary>
    /// Incompatible features whose on-disk changes this reader handles. mmp, flex_bg, ea_inode,
    /// large_dir and metadata_csum_seed change nothing a read-only reader of file data must know:
    /// mmp guards writers, flex_bg only moves metadata that descriptors point at anyway, ea_inode
    /// only affects extended attributes (we read only system.data, which is always in the inode),
    /// large_dir only deepens htrees we read linearly, and csum_seed only changes checksum seeds.
    /// encrypt and casefold are accepted for the volume and reported per directory or warned about.
    /// </summary>
    public const uint SupportedIncompat =
        0x2 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000;

    /// <summary>
    /// The name a volume goes by, decided as util-linux blkid decides it: any feature ext3 lacks
    /// (incompat beyond filetype, needs_recovery and meta_bg; ro_compat beyond sparse_super,
    /// large_file and btree_dir) makes it ext4; otherwise a journal makes it ext3; else ext2.
    /// </summary>
    public static string VolumeType(Ext4Superblock superblock)
    {
        const uint Ext3Incompat = 0x2 | 0x4 | 0x10;
        const uint Ext3RoCompat = 0x1 | 0x2 | 0x4;
        if ((superblock.FeatureIncompat & ~Ext3Incompat) != 0 || (superblock.FeatureRoCompat & ~Ext3RoCompat) != 0)
        {
            return "ext4";
        }

        return (superblock.FeatureCompat & CompatHasJournal) != 0 ? "ext3" : "ext2";
    }

    /// <summary>Names of the set bits, with unnamed bits as "incompat_0x…".</summary>
    public static List<string> IncompatNamesOf(uint bits) => NamesOf(bits, IncompatNames, "incompat");

    public static List<string> RoCompatNamesOf(uint bits) => NamesOf(bits, RoCompatNames, "ro_compat");

    /// <summary>RO_COMPAT bits we know by name; others are tolerated because we never write.</summary>
    public static uint KnownRoCompat { get; } = RoCompatNames.Aggregate(0u, (all, f) => all | f.Bit);

    private static List<string> NamesOf(uint bits, (uint Bit, string Name)[] table, string prefix)
    {
        var names = new List<string>();
        for (var i = 0; i < 32; i++)
        {
            var bit = 1u << i;
            if ((bits & bit) == 0)
            {
                continue;
            }

            var known = Array.Find(table, f => f.Bit == bit);
            names.Add(known.Name ?? $"{prefix}_0x{bit:x}");
        }

        return names;
    }
}
