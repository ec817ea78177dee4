using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.FileSystems.Fat;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Images;
using Snapsight.Disk.Lvm;
using Snapsight.Disk.Partitions;

namespace Snapsight.Disk.Volumes;

/// <summary>
/// Opens a disk image and finds everything on it: image format, partition table, LVM, file
/// systems, and the root tree with its fstab mounts. Every partition and logical volume is
/// probed by content; a volume that cannot be read becomes a <see cref="CoverageGap"/> and the
/// rest of the disk is still inspected.
/// </summary>
public static class DiskInspector
{
    public static async Task<DiskInspection> InspectAsync(string imagePath, CancellationToken cancellationToken = default)
    {
        var image = await DiskImage.OpenAsync(imagePath, cancellationToken).ConfigureAwait(false);
        try
        {
            return await InspectAsync(image, FirstDisk, assembleRoot: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Inspects one raw volume of a machine (a cloud snapshot opened as a block device; it stays
    /// the caller's and is not disposed with the inspection). <paramref name="devicePath"/> is the
    /// name the machine gave the disk ("/dev/sdf", "/dev/nvme1n1"); its partitions are named from
    /// it as Linux does; null when unknown (fstab can then name its file systems only by UUID,
    /// LABEL or PARTUUID). Without <paramref name="assembleRoot"/> no root tree is assembled and a
    /// disk without an operating system is no gap: the caller assembles several disks together.
    /// </summary>
    public static async Task<DiskInspection> InspectAsync(
        IBlockDevice device, string? devicePath, bool assembleRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var image = DiskImage.OpenRaw(device);
        try
        {
            return await InspectAsync(image, devicePath, assembleRoot, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private const string FirstDisk = "/dev/sda";

    private static async Task<DiskInspection> InspectAsync(OpenedDiskImage image, string? devicePath, bool assembleRoot, CancellationToken cancellationToken)
    {
        var disk = image.Device;
        var gaps = new List<CoverageGap>();
        var warnings = new List<string>();
        var volumes = new List<DiskVolume>();

        PartitionTable? table = null;
        try
        {
            table = await PartitionTableReader.ReadAsync(disk, cancellationToken).ConfigureAwait(false);
            warnings.AddRange(table.Warnings);
            gaps.AddRange(table.Skipped.Select(p => new CoverageGap($"p{p.Number}", $"partition skipped: {p.Reason}")));
        }
        catch (DiskFormatException e)
        {
            gaps.Add(new CoverageGap("partition table", e.Message));
        }

        if (table is null || table.Scheme == "none")
        {
            volumes.Add(new DiskVolume { Name = "disk", Device = disk, Offset = 0, DevicePath = devicePath });
        }
        else
        {
            foreach (var partition in table.Partitions.Where(p => !p.IsExtendedContainer))
            {
                volumes.Add(new DiskVolume
                {
                    Name = $"p{partition.Number}",
                    PartitionNumber = partition.Number,
                    Device = partition.Open(disk),
                    Offset = partition.Offset,
                    PartitionType = partition.TypeName,
                    PartitionName = partition.Name,
                    PartitionUuid = partition.UniqueId,
                    DevicePath = PartitionPath(devicePath, partition.Number),
                });
            }
        }

        foreach (var volume in volumes)
        {
            await OpenContentAsync(volume, gaps, warnings, cancellationToken).ConfigureAwait(false);
        }

        volumes.AddRange(await OpenLogicalVolumesAsync(volumes, gaps, warnings, cancellationToken).ConfigureAwait(false));

        FileTreeAssembly? assembly = null;
        if (assembleRoot)
        {
            var mountable = volumes.Where(v => v.FileSystem is not null).Select(v => v.ToMountable(v.Name)).ToList();
            (assembly, var assemblyGaps) = await AssembleRootAsync(mountable, [], cancellationToken).ConfigureAwait(false);
            gaps.AddRange(assemblyGaps);
        }

        return new DiskInspection(image, table, volumes, assembly, gaps, warnings);
    }

    /// <summary>Linux appends the number, with a "p" after a name ending in a digit: sda1, nvme1n1p1.</summary>
    private static string? PartitionPath(string? disk, int number) =>
        disk is null ? null : char.IsAsciiDigit(disk[^1]) ? $"{disk}p{number}" : $"{disk}{number}";

    private static async Task<IReadOnlyList<DiskVolume>> OpenLogicalVolumesAsync(
        List<DiskVolume> volumes, List<CoverageGap> gaps, List<string> warnings, CancellationToken cancellationToken)
    {
        var physical = volumes.Where(v => v.Content == VolumeContent.LvmPhysicalVolume).ToList();
        if (physical.Count == 0)
        {
            return [];
        }

        var scan = await LvmReader.ScanAsync(physical.Select(v => v.Device).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var problem in scan.Problems)
        {
            gaps.Add(new CoverageGap(NameDevices(problem.Where, physical), $"LVM: {problem.Layer}: bad {problem.Structure} at offset {problem.Offset}: {problem.Problem}"));
        }

        var result = new List<DiskVolume>();
        foreach (var lv in scan.Volumes)
        {
            if (lv.Device is null)
            {
                // A logical volume whose physical volumes are missing or whose segments we do not read.
                gaps.Add(new CoverageGap($"{lv.VolumeGroup}/{lv.Name}", lv.Problem ?? "the logical volume cannot be assembled"));
                continue;
            }

            var volume = new DiskVolume
            {
                Name = $"{lv.VolumeGroup}/{lv.Name}",
                Device = lv.Device,
                DevicePath = $"/dev/mapper/{lv.VolumeGroup.Replace("-", "--", StringComparison.Ordinal)}-{lv.Name.Replace("-", "--", StringComparison.Ordinal)}",
            };
            await OpenContentAsync(volume, gaps, warnings, cancellationToken).ConfigureAwait(false);
            result.Add(volume);
        }

        return result;
    }

    /// <summary>LVM names devices by their index among the candidates ("device 1 (PV …)"); say which volume that is.</summary>
    private static string NameDevices(string where, List<DiskVolume> physical)
    {
        // Highest index first, so "device 1" does not eat the start of "device 12".
        for (var i = physical.Count - 1; i >= 0; i--)
        {
            where = where.Replace($"device {i}", physical[i].Name, StringComparison.Ordinal);
        }

        return where;
    }

    /// <summary>Identifies what a volume holds and opens its file system; problems become gaps.</summary>
    private static async Task OpenContentAsync(DiskVolume volume, List<CoverageGap> gaps, List<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            var head = new byte[volume.Device.ClampToLength(0, VolumeContentProbe.HeadLength)];
            await volume.Device.ReadExactlyAsync(0, head, "volume", "first block", cancellationToken).ConfigureAwait(false);
            volume.Content = VolumeContentProbe.Identify(head);
            // btrfs leaves its first 64 KiB blank and keeps its superblock after them.
            if (volume.Content is VolumeContent.Unknown or VolumeContent.Empty
                && volume.Device.Length >= VolumeContentProbe.BtrfsSuperblockOffset + 4096)
            {
                var superblock = await volume.Device.ReadBytesAsync(VolumeContentProbe.BtrfsSuperblockOffset, 4096, "volume", "btrfs superblock", cancellationToken).ConfigureAwait(false);
                if (VolumeContentProbe.IsBtrfsSuperblock(superblock))
                {
                    volume.Content = VolumeContent.Btrfs;
                }
            }

            volume.FileSystem = volume.Content switch
            {
                VolumeContent.Ext => await Ext4FileSystem.OpenAsync(volume.Device, cancellationToken).ConfigureAwait(false),
                VolumeContent.Xfs => await XfsFileSystem.OpenAsync(volume.Device, cancellationToken).ConfigureAwait(false),
                VolumeContent.Fat => await FatFileSystem.OpenAsync(volume.Device, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
        }
        catch (DiskFormatException e)
        {
            volume.Problem = e.Message;
        }

        var ntfsGap = volume is { Problem: null, Content: VolumeContent.Ntfs }
            ? await WindowsVolumeCheck.DescribeAsync(volume, cancellationToken).ConfigureAwait(false)
            : null;
        var gap = volume.Problem ?? volume.Content switch
        {
            VolumeContent.Luks => "encrypted with LUKS: its contents cannot be read without the key",
            VolumeContent.Ntfs => ntfsGap,
            VolumeContent.Btrfs => "btrfs volumes are not read yet",
            VolumeContent.Unknown => "the content is not a file system, LVM or encryption format Snapsight knows",
            VolumeContent.Empty => "the first 4 KiB are zeros: no signature of a format Snapsight knows (the volume may be blank)",
            _ => null,
        };
        if (gap is not null)
        {
            gaps.Add(new CoverageGap(volume.Name, gap));
        }

        warnings.AddRange((volume.FileSystem?.Warnings ?? []).Select(w => $"{volume.Name}: {w}"));
    }

    /// <summary>
    /// The machine's root tree from its readable volumes, as <see cref="FileTreeAssembler"/> puts it
    /// together (the root among <paramref name="rootCandidates"/>, mounts from both lists), with
    /// the gaps: no readable file system, no operating system, fstab entries that fit nothing.
    /// </summary>
    public static async Task<(FileTreeAssembly? Assembly, IReadOnlyList<CoverageGap> Gaps)> AssembleRootAsync(
        IReadOnlyList<MountableVolume> rootCandidates, IReadOnlyList<MountableVolume> otherVolumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rootCandidates);
        ArgumentNullException.ThrowIfNull(otherVolumes);
        if (rootCandidates.Count == 0)
        {
            return (null, [new CoverageGap("disk", "no readable file system was found")]);
        }

        var assembly = await FileTreeAssembler.AssembleAsync(rootCandidates, otherVolumes, cancellationToken).ConfigureAwait(false);
        if (assembly is null)
        {
            return (null, [new CoverageGap("disk", "no volume holds an operating system (/etc/os-release, /usr/lib/os-release, /bin or /usr/bin): there is no root to read")]);
        }

        return (assembly, [.. assembly.Issues.Select(i => new CoverageGap(i.Path, i.Message))]);
    }
}
