namespace Snapsight.Disk.FileSystems;

/// <summary>
/// One file as the tree sees it: its absolute, normalised path, the file system that holds it
/// (a mounted one, below a mount point) and what that file system says about it.
/// </summary>
public sealed record TreeEntry(string Path, IFileSystem FileSystem, FileNode Node);

/// <summary>Something wrong found on the way (an unreadable directory, a hostile name), recorded rather than thrown.</summary>
public sealed record TreeIssue(string Path, string Message);
