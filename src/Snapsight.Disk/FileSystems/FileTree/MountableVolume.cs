namespace Snapsight.Disk.FileSystems;

/// <summary>
/// A file system found on the disk, with the names fstab may use for it: its device path as the
/// machine saw it ("/dev/sda1", "/dev/mapper/vg0-root", "/dev/vg0/root") and its partition's
/// GPT unique id. The file system itself supplies UUID= and LABEL=.
/// </summary>
public sealed record MountableVolume(string Name, string? DevicePath, string? PartitionUuid, IFileSystem FileSystem);

/// <summary>The machine's file tree as its fstab assembles it, with what could not be mounted.</summary>
public sealed record FileTreeAssembly(
    FileTree Tree,
    MountableVolume Root,
    IReadOnlyList<(string MountPoint, MountableVolume Volume)> Mounts,
    IReadOnlyList<TreeIssue> Issues);
