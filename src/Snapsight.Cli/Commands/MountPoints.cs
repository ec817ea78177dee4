using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary>The mount point of each volume in the assembled tree ("/" for the root).</summary>
internal static class MountPoints
{
    public static string? Of(DiskInspection inspection, DiskVolume volume)
    {
        if (volume.FileSystem is null || inspection.Assembly is not { } assembly)
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
