using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;

namespace Snapsight.Scanning;

/// <summary>The mount point of each volume in the assembled tree ("/" for the root).</summary>
public static class MountPoints
{
    public static string? Of(DiskInspection inspection, DiskVolume volume)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        return Of(inspection.Assembly, volume);
    }

    /// <summary>Where <paramref name="assembly"/> put <paramref name="volume"/>'s file system, or null when it is not in the tree.</summary>
    public static string? Of(FileTreeAssembly? assembly, DiskVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.FileSystem is null || assembly is null)
        {
            return null;
        }

        if (ReferenceEquals(assembly.Root.FileSystem, volume.FileSystem))
        {
            return "/";
        }

        return assembly.Mounts.FirstOrDefault(m => ReferenceEquals(m.Volume.FileSystem, volume.FileSystem)).MountPoint;
    }
}
