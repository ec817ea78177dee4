using Snapsight.Disk.BlockDevices;

namespace Snapsight.Scanning;

/// <summary>
/// One disk of the machine to scan, as a block device (from the cloud: a snapshot opened as one).
/// <see cref="Name"/> names it in the report (the volume id); <see cref="DevicePath"/> is the
/// device the machine attached it as ("/dev/sdf", "/dev/nvme1n1"), which an fstab may name. The
/// device stays the caller's: a scan never disposes it.
/// </summary>
public sealed record ScanVolume(string Name, IBlockDevice Device, string? DevicePath = null);
