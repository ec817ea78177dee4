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

    /// <summary>
    /// The name an fstab may use: "/dev/mapper/vg-lv" for a logical volume, "/dev/sdaN" for a
    /// partition (vdaN, xvdaN, nvme0n1pN… are matched to it), "/dev/sda" for a bare file system.
    /// </summary>
    public string? DevicePath { get; init; }

    public VolumeContent Content { get; set; }

    public IFileSystem? FileSystem { get; set; }

    /// <summary>On an NTFS volume holding Windows, its system directory as the volume spells it (\Windows\System32).</summary>
    public string? WindowsSystemDirectory { get; set; }

    /// <summary>Why the content could not be opened, when it could not.</summary>
    public string? Problem { get; set; }

    /// <summary>This volume's file system as the tree assembler takes it, under <paramref name="name"/> (unique among the machine's volumes).</summary>
    public MountableVolume ToMountable(string name) =>
        new(name, DevicePath, PartitionUuid?.ToString(), FileSystem ?? throw new InvalidOperationException($"volume {Name} holds no readable file system"));

    /// <summary>Whether <paramref name="requested"/> names this volume: its name ("p1", "vg0/root", "disk") or its partition number ("1").</summary>
    public bool IsNamed(string requested) =>
        string.Equals(Name, requested, StringComparison.Ordinal)
        || (PartitionNumber is { } n && requested == n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
