namespace Snapsight.Disk.FileSystems;

/// <summary>
/// What <c>stat</c> says about one file. <see cref="Id"/> is the file system's own node number
/// (the inode number for ext4 and XFS). <see cref="Permissions"/> holds the twelve low mode bits:
/// rwx for user, group and other plus setuid (4000), setgid (2000) and sticky (1000).
/// </summary>
public sealed record FileNode(
    long Id,
    FileType Type,
    int Permissions,
    long Uid,
    long Gid,
    long Size,
    long LinkCount,
    DateTimeOffset? ModifiedAt = null,
    uint? DeviceMajor = null,
    uint? DeviceMinor = null)
{
    /// <summary>The permission bits as the four octal digits <c>ls --json</c> prints, e.g. "0644".</summary>
    public string OctalPermissions => Convert.ToString(Permissions & 0xFFF, 8).PadLeft(4, '0');
}
