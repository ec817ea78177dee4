using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Images;
using Snapsight.Disk.Partitions;

namespace Snapsight.Disk.Volumes;

/// <summary>
/// Everything the disk layer found on one image: its format, partition table, volumes and
/// their file systems, the assembled root tree, and the gaps. Disposing closes the image.
/// </summary>
public sealed class DiskInspection : IDisposable
{
    private readonly OpenedDiskImage _image;

    internal DiskInspection(OpenedDiskImage image, PartitionTable? table, IReadOnlyList<DiskVolume> volumes,
        FileTreeAssembly? assembly, IReadOnlyList<CoverageGap> gaps, IReadOnlyList<string> warnings)
    {
        _image = image;
        PartitionTable = table;
        Volumes = volumes;
        Assembly = assembly;
        Gaps = gaps;
        Warnings = warnings;
    }

    public string Format => _image.Format;

    public long VirtualSize => _image.Device.Length;

    /// <summary>The image file as read: its statistics say how many bytes a scan really read.</summary>
    public IBlockDevice Container => _image.Container;

    /// <summary>Null when the table itself could not be read (then see <see cref="Gaps"/>).</summary>
    public PartitionTable? PartitionTable { get; }

    public IReadOnlyList<DiskVolume> Volumes { get; }

    /// <summary>The root file system with the volumes its /etc/fstab mounts; null when no root was found.</summary>
    public FileTreeAssembly? Assembly { get; }

    public DiskVolume? RootVolume => Assembly is null ? null : Volumes.FirstOrDefault(v => v.FileSystem == Assembly.Root.FileSystem);

    public IReadOnlyList<CoverageGap> Gaps { get; }

    /// <summary>Whether an NTFS volume holds Windows (its gap says so; Windows is not inventoried yet).</summary>
    public bool HoldsWindows => Volumes.Any(v => v.WindowsSystemDirectory is not null);

    /// <summary>Things that were read but deserve a note (a backup GPT header used, a journal not replayed).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public void Dispose()
    {
        foreach (var volume in Volumes)
        {
            volume.FileSystem?.Dispose();
        }

        _image.Dispose();
    }
}
