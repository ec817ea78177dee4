namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// FAT has no inodes, so node ids are made up from where things are, in a way that stays
/// stable across opens of the same image:
/// <list type="bullet">
/// <item>a file's id is the device byte offset of its 32-byte short directory entry
/// (below 2^48: FAT32 volumes top out near 2^44 bytes);</item>
/// <item>a directory's id is 2^48 plus its first cluster. Two entries naming the same cluster
/// (a directory aliasing an ancestor, in a hostile image) then share one id, which is what lets
/// the file tree see the cycle. The root is cluster 0 on FAT12/16 — the value ".." entries use
/// for it — and its real first cluster on FAT32.</item>
/// </list>
/// </summary>
internal static class FatNodeIds
{
    /// <summary>2^48 keeps every id below 2^53, so JSON readers that hold numbers as doubles (JavaScript) see them exactly.</summary>
    public const long DirectoryTag = 1L << 48;

    public static bool IsDirectory(long id) => id >= DirectoryTag;

    public static long ForDirectory(uint firstCluster) => DirectoryTag + firstCluster;

    public static uint DirectoryCluster(long id) => (uint)(id - DirectoryTag);
}
