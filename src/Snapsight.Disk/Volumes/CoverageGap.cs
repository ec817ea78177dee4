namespace Snapsight.Disk.Volumes;

/// <summary>
/// A part of the disk that could not be read, and why: an encrypted volume, an unknown file
/// system, a corrupt structure. Reported, never silently dropped.
/// </summary>
public sealed record CoverageGap(string Where, string Reason);
