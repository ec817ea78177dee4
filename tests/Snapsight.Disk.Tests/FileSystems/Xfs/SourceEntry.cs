namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// One path of a source tree as <c>find -printf</c> and <c>stat</c> report it: the oracle the
/// file system we read must reproduce. <see cref="Sha256"/> is set for regular files.
/// </summary>
public sealed record SourceEntry(
    string Path,
    char Type,
    int Permissions,
    long Uid,
    long Gid,
    long Size,
    string? Target,
    uint? Major,
    uint? Minor,
    string? Sha256);
