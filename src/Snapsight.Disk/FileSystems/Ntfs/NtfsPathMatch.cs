namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// A path found on an NTFS volume: the MFT record number of its last component, the path as
/// the volume spells it (components joined with '\'), and whether that record is a directory.
/// </summary>
public sealed record NtfsPathMatch(long RecordNumber, string StoredPath, bool IsDirectory);
