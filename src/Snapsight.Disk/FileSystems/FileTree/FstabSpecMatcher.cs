namespace Snapsight.Disk.FileSystems;

/// <summary>
/// Decides which volume an fstab spec names, the way mount(8) would: UUID= and LABEL= by the
/// file system, PARTUUID= by the partition, /dev/disk/by-* links by what they stand for, and
/// other /dev paths by device name, with device-mapper names ("/dev/mapper/vg--a-root") and
/// LVM's own ("/dev/vg-a/root") taken as the same.
/// </summary>
internal static class FstabSpecMatcher
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

    /// <summary>"/dev/mapper/VG-LV" with '-' inside names doubled becomes "/dev/VG/LV"; other paths are kept.</summary>
    internal static string CanonicalDevice(string path)
    {
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
}
