namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// The v5 incompatible feature bits (sb_features_incompat, XFS_SB_FEAT_INCOMPAT_* in the
/// kernel's xfs_format.h) and how this reader treats each. A reader that does not understand
/// an incompatible feature may misread the file system, so anything not listed as tolerated
/// is refused by name.
/// </summary>
internal static class XfsFeatures
{
    public const uint IncompatFileType = 0x01;
    public const uint IncompatSparseInodes = 0x02;
    public const uint IncompatMetaUuid = 0x04;
    public const uint IncompatBigTime = 0x08;
    public const uint IncompatNeedsRepair = 0x10;
    public const uint IncompatLargeExtentCounts = 0x20;

    /// <summary>
    /// Bits we read correctly: ftype (a type byte in directory entries), spinodes (sparse inode
    /// chunks only change allocation, not addressing), meta_uuid (block headers carry another
    /// UUID; we do not compare UUIDs), bigtime (64-bit nanosecond timestamps), needsrepair
    /// (accepted with a warning, see docs/disk-formats/xfs.md) and nrext64 (64-bit extent counts).
    /// </summary>
    public const uint TolerantMask = IncompatFileType | IncompatSparseInodes | IncompatMetaUuid | IncompatBigTime
        | IncompatNeedsRepair | IncompatLargeExtentCounts;

    private static readonly (uint Bit, string Name)[] IncompatNames =
    [
        (IncompatFileType, "ftype"),
        (IncompatSparseInodes, "spinodes"),
        (IncompatMetaUuid, "meta_uuid"),
        (IncompatBigTime, "bigtime"),
        (IncompatNeedsRepair, "needsrepair"),
        (IncompatLargeExtentCounts, "nrext64"),
        (0x40, "exchrange"),
        (0x80, "parent"),
        (0x100, "metadir"),
        (0x200, "zoned"),
    ];

    /// <summary>Names every set bit of <paramref name="bits"/>, with unknown ones as hex.</summary>
    public static IReadOnlyList<string> NameIncompat(uint bits)
    {
        var names = new List<string>();
        for (var i = 0; i < 32; i++)
        {
            var bit = 1u << i;
            if ((bits & bit) == 0)
            {
                continue;
            }

            var known = Array.Find(IncompatNames, n => n.Bit == bit);
            names.Add(known.Name ?? $"incompat bit 0x{bit:x}");
        }

        return names;
    }
}
