using System.Diagnostics;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;

namespace Snapsight.Scanning;

/// <summary>The volumes of one machine, assembled into one tree as its fstab mounts them at boot.</summary>
public sealed partial class ScanTarget
{
    /// <summary>The device the first disk of a VM has (sda, vda, xvda, nvme0n1… are matched to it), as for a single image.</summary>
    private const string RootDevicePath = "/dev/sda";

    /// <summary>
    /// Opens the volumes of the machine <paramref name="name"/>: the root disk first, data disks
    /// after. Each is taken apart (partition table, LVM, file systems); the root file system is
    /// chosen on the first and the others are mounted where its /etc/fstab or its enabled systemd
    /// mount units say, matched by UUID=, LABEL=, PARTUUID= or device name. A data disk's file
    /// system that neither mounts is reported as a gap, not dropped silently; a volume that cannot be read is a gap too.
    /// </summary>
    public static async Task<ScanTarget> AssembleAsync(string name, IReadOnlyList<ScanVolume> volumes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(volumes);
        if (volumes.Count == 0)
        {
            throw new ArgumentException("a machine has at least its root volume", nameof(volumes));
        }

        if (volumes.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count() != volumes.Count || volumes.Any(v => string.IsNullOrEmpty(v.Name)))
        {
            throw new ArgumentException("every volume needs a name of its own", nameof(volumes));
        }

        var clock = Stopwatch.StartNew();
        var disks = new List<(string? Prefix, DiskInspection Inspection)>();
        try
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var volume = volumes[i];
                var devicePath = volume.DevicePath ?? (i == 0 ? RootDevicePath : null);
                var inspection = await DiskInspector.InspectAsync(volume.Device, devicePath, assembleRoot: false, cancellationToken).ConfigureAwait(false);
                disks.Add((i == 0 ? null : volume.Name, inspection));
            }

            return await AssembleAsync(name, disks, clock, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var (_, inspection) in disks)
            {
                inspection.Dispose();
            }

            throw;
        }
    }

    private static async Task<ScanTarget> AssembleAsync(
        string name, List<(string? Prefix, DiskInspection Inspection)> disks, Stopwatch clock, CancellationToken cancellationToken)
    {
        var root = Mountable(disks[0]);
        var data = disks.Skip(1).SelectMany(Mountable).ToList();
        var gaps = disks.SelectMany(d => d.Inspection.Gaps.Select(g => g with { Where = VolumeName(d.Prefix, g.Where) })).ToList();
        var (assembly, assemblyGaps) = await DiskInspector.AssembleRootAsync(root, data, cancellationToken).ConfigureAwait(false);
        gaps.AddRange(assemblyGaps);
        if (assembly is not null)
        {
            gaps.AddRange(data
                .Where(volume => !assembly.Mounts.Any(m => ReferenceEquals(m.Volume, volume)))
                .Select(volume => new CoverageGap(volume.Name,
                    $"{volume.FileSystem.Type} file system (UUID {volume.FileSystem.Uuid ?? "none"}, label {volume.FileSystem.Label ?? "none"}) " +
                    "is not mounted by /etc/fstab or an enabled mount unit: its files are not part of the scan")));
        }

        // No operating system to read: the scan still runs on an empty tree and reports why.
        var tree = assembly?.Tree ?? FileTree.Empty();
        return new ScanTarget(name, tree, disks, assembly, gaps, null, clock);
    }

    private static List<MountableVolume> Mountable((string? Prefix, DiskInspection Inspection) disk) =>
        [.. disk.Inspection.Volumes.Where(v => v.FileSystem is not null).Select(v => v.ToMountable(VolumeName(disk.Prefix, v.Name)))];
}
