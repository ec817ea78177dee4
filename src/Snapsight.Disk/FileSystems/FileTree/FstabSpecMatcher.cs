using System.Text.RegularExpressions;

namespace Snapsight.Disk.FileSystems;

/// <summary>
/// Decides which volume an fstab spec names, the way mount(8) would: UUID= and LABEL= by the
/// file system, PARTUUID= by the partition, /dev/disk/by-* links by what they stand for, and
/// other /dev paths by device name, with device-mapper names ("/dev/mapper/vg--a-root") and
/// LVM's own ("/dev/vg-a/root") taken as the same, and the first disk's partitions under any
/// of the names Linux gives them on a VM (sda1, vda1, xvda1, hda1, nvme0n1p1, mmcblk0p1) taken
/// as one name, "/dev/sdaN"; other lettered disks likewise (xvdf1 is sdf1: the name a cloud
/// attaches a data volume as, "/dev/sdf", appears as xvdf under Xen).
/// </summary>
internal static partial class FstabSpecMatcher
{
    /// <summary>The first matching volume in <paramref name="volumes"/>' order, or null.</summary>
    public static MountableVolume? Match(string spec, IEnumerable<MountableVolume> volumes)
    {
        var (kind, value) = Classify(spec);
        return volumes.FirstOrDefault(volume => kind switch
        {
            "UUID" => string.Equals(volume.FileSystem.Uuid, value, StringComparison.OrdinalIgnoreCase),
            "LABEL" => string.Equals(volume.FileSystem.Label, value, StringComparison.Ordinal),
            "PARTUUID" => string.Equals(volume.PartitionUuid, value, StringComparison.OrdinalIgnoreCase),
            "DEVICE" => volume.DevicePath is { } path && string.Equals(CanonicalDevice(path), CanonicalDevice(value), StringComparison.Ordinal),
            _ => false,
        });
    }

    private static (string Kind, string Value) Classify(string spec)
    {
        foreach (var (prefix, kind) in new[]
        {
            ("UUID=", "UUID"), ("LABEL=", "LABEL"), ("PARTUUID=", "PARTUUID"),
            ("/dev/disk/by-uuid/", "UUID"), ("/dev/disk/by-label/", "LABEL"), ("/dev/disk/by-partuuid/", "PARTUUID"),
        })
        {
            if (spec.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (kind, spec[prefix.Length..].Trim('"'));
            }
        }

        return spec.StartsWith("/dev/", StringComparison.Ordinal) ? ("DEVICE", spec) : ("OTHER", spec);
    }

    /// <summary>
    /// "/dev/mapper/VG-LV" with '-' inside names doubled becomes "/dev/VG/LV"; the first disk
    /// and its partitions become "/dev/sda" and "/dev/sdaN", any other lettered disk "/dev/sdX[N]";
    /// other paths are kept.
    /// </summary>
    internal static string CanonicalDevice(string path)
    {
        if (FirstDiskName().Match(path) is { Success: true } firstDisk)
        {
            return "/dev/sda" + firstDisk.Groups["partition"].Value;
        }

        if (LetteredDiskName().Match(path) is { Success: true } lettered)
        {
            return "/dev/sd" + lettered.Groups["disk"].Value + lettered.Groups["partition"].Value;
        }

        const string Mapper = "/dev/mapper/";
        if (!path.StartsWith(Mapper, StringComparison.Ordinal))
        {
            return path;
        }

        var name = path[Mapper.Length..];
        var groupName = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '-')
            {
                groupName.Append(name[i]);
            }
            else if (i + 1 < name.Length && name[i + 1] == '-')
            {
                groupName.Append('-');
                i++;
            }
            else
            {
                return $"/dev/{groupName}/{name[(i + 1)..].Replace("--", "-", StringComparison.Ordinal)}";
            }
        }

        return path;
    }

    /// <summary>The first disk of a VM as SCSI/SATA, virtio, Xen, IDE, NVMe or MMC names it, with an optional partition number.</summary>
    [GeneratedRegex(@"^/dev/(?:(?:sd|vd|xvd|hd)a(?<partition>[1-9][0-9]{0,2})?|(?:nvme0n1|mmcblk0)(?:p(?<partition>[1-9][0-9]{0,2}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex FirstDiskName();

    /// <summary>A disk named by a letter as SCSI/SATA, virtio, Xen or IDE name it (sdf, vdf, xvdf, hdf), with an optional partition number.</summary>
    [GeneratedRegex(@"^/dev/(?:sd|vd|xvd|hd)(?<disk>[b-z])(?<partition>[1-9][0-9]{0,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LetteredDiskName();
}
