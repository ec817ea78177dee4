using Snapsight.Disk.Volumes;

namespace Snapsight.Scanning;

/// <summary>
/// What was scanned, as plain data that outlives the open disks: the target as the caller named
/// it (an image path, a directory, an instance), the name a shared document may carry (never the
/// scanner's own path), the file systems, the disks' gaps, and what was read (null for a directory).
/// </summary>
public sealed record TargetDescription(
    string Path,
    string DocumentName,
    IReadOnlyList<ScannedFileSystem> FileSystems,
    IReadOnlyList<CoverageGap> Gaps,
    ReadTotals? Statistics);
