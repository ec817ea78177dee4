using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Disk.Volumes;

/// <summary>
/// One place a file system can live: a partition, a logical volume, or the whole disk when it
/// has no partition table. <see cref="Name"/> is how the command line names it: "p1" for
/// partition 1, "vg0/root" for a logical volume, "disk" for a bare file system.
/// </summary>
public sealed class DiskVolume
{
    public required string Name { get; init; }

    public required IBlockDevice Device { get; init; }

    /// <summary>The partition number as Linux numbers it, when this is a partition.</summary>
    public int? PartitionNumber { get; init; }

    /// <summary>Byte offset on the disk; null for logical volumes, which may be scattered.</summary>
    public long? Offset { get; init; }

    public long Length => Device.Length;

    public string? PartitionType { get; init; }

    public string? PartitionName { get; init; }

    public Guid? PartitionUuid { get; init; }

    /// <summary>For a logical volume, "/dev/mapper/vg-lv"; for a partition, null (disks in VMs are named many ways).</summary>
    public string? DevicePath { get; init; }

    public VolumeContent Content { get; set; }

    public IFileSystem? FileSystem { get; set; }

    /// <summary>Why the content could not be opened, when it could not.</summary>
    public string? Problem { get; set; }

    /// <summary>Names matching <paramref name="requested"/>: "p1", "1", "vg0/root", "root" (when unique) or "disk".</summary>
    public bool IsNamed(string requested) =>
        string.Equals(Name, requested, StringComparison.Ordinal)
        || (PartitionNumber is { } n && requested == n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
