namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// FAT has no inodes, so node ids are made up from where things are, in a way that stays
/// stable across opens of the same image:
/// <list type="bullet">
/// <item>a file's id is the device byte offset of its 32-byte short directory entry
/// (below 2^56, so a volume of up to 64 PiB);</item>
/// <item>a directory's id is 2^56 plus its first cluster. Two entries naming the same cluster
/// (a directory aliasing an ancestor, in a hostile image) then share one id, which is what lets
/// the file tree see the cycle. The root is cluster 0 on FAT12/16 — the value ".." entries use
/// for it — and its real first cluster on FAT32.</item>
/// </list>
/// </summary>
internal static class FatNodeIds
{
    public const long DirectoryTag = 1L << 56;

    public static bool IsDirectory(long id) => id >= DirectoryTag;

    public static long ForDirectory(uint firstCluster) => DirectoryTag + firstCluster;

    public static uint DirectoryCluster(long id) => (uint)(id - DirectoryTag);
}
