namespace Snapsight.Scanning;

/// <summary>
/// A file system the scan found: on which volume ("p2", "vg0/root", or "vol-1:disk" on a data
/// disk), its type, UUID and label, and where the assembled tree mounts it (null: not in the tree).
/// </summary>
public sealed record ScannedFileSystem(string? Volume, string Type, string? Uuid, string? Label, string? MountPoint);
