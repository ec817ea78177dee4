namespace Snapsight.Disk.FileSystems;

/// <summary>
/// One name in a directory. <see cref="Type"/> is the directory's own hint (ext4 and XFS record
/// it) so listings need not read every inode; it is <see cref="FileType.Unknown"/> when the
/// format has none. Names are decoded as UTF-8, with invalid bytes replaced by U+FFFD.
/// "." and ".." are never returned.
/// </summary>
public readonly record struct DirectoryEntry(string Name, long Node, FileType Type);
