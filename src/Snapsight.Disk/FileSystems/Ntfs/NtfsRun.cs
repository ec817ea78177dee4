namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>A run of <see cref="Length"/> clusters starting at <see cref="Vcn"/>; <see cref="Lcn"/> is null for a sparse run (reads as zeros).</summary>
internal readonly record struct NtfsRun(long Vcn, long? Lcn, long Length);
