using System.Text;
using Snapsight.Disk.FileSystems.Systemd;

namespace Snapsight.Disk.FileSystems;

/// <summary>
/// Puts a machine's file systems together as it would at boot: finds the root file system,
/// reads its /etc/fstab, and mounts each listed volume that is on this disk, then the volumes of
/// the mount units systemd is told to mount (<see cref="SystemdMountUnits"/>). Whatever does not
/// fit (an fstab naming a volume elsewhere, an unreadable candidate) becomes an issue.
/// </summary>
public static class FileTreeAssembler
{
    /// <summary>Real fstabs are a few KiB; we read no more than this of one.</summary>
    public const int MaxFstabBytes = 1024 * 1024;

    private static readonly string[] OperatingSystemMarkers = ["/etc/os-release", "/usr/lib/os-release", "/bin", "/usr/bin"];

    /// <summary>Kernel, memory and swap file systems: nothing on the disk to mount.</summary>
    private static readonly HashSet<string> IgnoredTypes = new(StringComparer.Ordinal)
    {
        "swap", "none", "proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "ramfs", "cgroup", "cgroup2", "securityfs",
        "debugfs", "tracefs", "mqueue", "hugetlbfs", "binfmt_misc", "efivarfs", "pstore", "configfs", "fusectl", "autofs",
    };

    /// <summary>
    /// The root is a volume holding an operating system marker (os-release, /bin or /usr/bin).
    /// Among several, one whose /etc/fstab names itself for "/" wins, then one with an fstab,
    /// then one without (a minimal or container image); ties go to the first by name. Null when
    /// no volume holds an operating system: a data disk has no root, and none is made up.
    /// </summary>
    public static Task<FileTreeAssembly?> AssembleAsync(IReadOnlyList<MountableVolume> volumes, CancellationToken cancellationToken = default) =>
        AssembleAsync(volumes, [], cancellationToken);

    /// <summary>
    /// As above for a machine of several disks: the root is chosen among
    /// <paramref name="rootCandidates"/> (the root disk's volumes) only, and fstab entries are
    /// matched against those and <paramref name="otherVolumes"/> (the data disks' volumes).
    /// </summary>
    public static async Task<FileTreeAssembly?> AssembleAsync(
        IReadOnlyList<MountableVolume> rootCandidates, IReadOnlyList<MountableVolume> otherVolumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rootCandidates);
        ArgumentNullException.ThrowIfNull(otherVolumes);
        var issues = new List<TreeIssue>();
        var orderedCandidates = rootCandidates.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        var ordered = orderedCandidates.Concat(otherVolumes.OrderBy(v => v.Name, StringComparer.Ordinal)).ToList();
        var candidates = new List<(MountableVolume Volume, IReadOnlyList<FstabEntry>? Fstab)>();
        foreach (var volume in orderedCandidates)
        {
            try
            {
                if (await HoldsOperatingSystemAsync(volume, cancellationToken).ConfigureAwait(false))
                {
                    candidates.Add((volume, await ReadFstabAsync(volume, issues, cancellationToken).ConfigureAwait(false)));
                }
            }
            catch (IOException e)
            {
                issues.Add(new TreeIssue("/", $"volume {volume.Name} could not be examined for a root file system: {e.Message}"));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates.FirstOrDefault(c => c.Fstab is not null && NamesItselfAsRoot(c.Volume, c.Fstab, ordered));
        if (chosen.Volume is null)
        {
            chosen = candidates.FirstOrDefault(c => c.Fstab is not null);
        }

        if (chosen.Volume is null)
        {
            chosen = candidates[0];
        }

        var tree = new FileTree(chosen.Volume.FileSystem);
        var mounts = new List<(string MountPoint, MountableVolume Volume)>();
        Mount(tree, chosen.Volume, chosen.Fstab ?? [], "fstab", ordered, mounts, issues);
        // Read after fstab's mounts, so unit directories on a separate /usr are seen; fstab keeps a mount point it names.
        var units = await SystemdMountUnits.ReadAsync(tree, issues, cancellationToken).ConfigureAwait(false);
        var fromUnits = units.Where(u => !mounts.Any(m => m.MountPoint == TreePath.Normalize(u.MountPoint)))
            .OrderBy(u => u.MountPoint.Count(c => c == '/')).ToList();
        Mount(tree, chosen.Volume, fromUnits, "mount unit", ordered, mounts, issues);
        return new FileTreeAssembly(tree, chosen.Volume, mounts, issues);
    }

    /// <summary>Mounts each entry's volume, found among <paramref name="volumes"/>, on the tree; what fits nothing is an issue naming <paramref name="source"/>.</summary>
    private static void Mount(FileTree tree, MountableVolume root, IEnumerable<FstabEntry> entries, string source,
        IReadOnlyList<MountableVolume> volumes, List<(string MountPoint, MountableVolume Volume)> mounts, List<TreeIssue> issues)
    {
        foreach (var entry in entries)
        {
            if (IsNotOnDisk(entry))
            {
                continue;
            }

            var mountPoint = TreePath.Normalize(entry.MountPoint);
            var volume = FstabSpecMatcher.Match(entry.Spec, volumes);
            if (volume is null)
            {
                issues.Add(new TreeIssue(mountPoint, $"{source} names {mountPoint} on {entry.Spec} which is not on the disks read"));
            }
            else if (mountPoint == "/" && volume != root)
            {
                issues.Add(new TreeIssue("/", $"{source} names {entry.Spec} ({volume.Name}) for /, but {root.Name} holds the operating system; kept {root.Name}"));
            }
            else if (volume != root)
            {
                tree.Mount(mountPoint, volume.FileSystem);
                mounts.Add((mountPoint, volume));
            }
        }
    }

    /// <summary>True when any marker is there; a marker that cannot be resolved (a broken link) counts as absent.</summary>
    private static async Task<bool> HoldsOperatingSystemAsync(MountableVolume volume, CancellationToken cancellationToken)
    {
        var tree = new FileTree(volume.FileSystem);
        foreach (var marker in OperatingSystemMarkers)
        {
            try
            {
                if (await tree.StatAsync(marker, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return true;
                }
            }
            catch (DiskFormatException)
            {
                // A damaged or looping marker says nothing either way; the next one may answer.
            }
        }

        return false;
    }

    /// <summary>The parsed /etc/fstab of <paramref name="volume"/>, or null when it has none.</summary>
    private static async Task<IReadOnlyList<FstabEntry>?> ReadFstabAsync(MountableVolume volume, List<TreeIssue> issues, CancellationToken cancellationToken)
    {
        var tree = new FileTree(volume.FileSystem);
        if (await tree.StatAsync("/etc/fstab", followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.File })
        {
            return null;
        }

        await using var stream = await tree.OpenReadAsync("/etc/fstab", cancellationToken).ConfigureAwait(false);
        var buffer = new byte[(int)Math.Min(stream.Length, MaxFstabBytes)];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (stream.Length > MaxFstabBytes)
        {
            issues.Add(new TreeIssue("/etc/fstab", $"{volume.Name}: fstab of {stream.Length} bytes; only the first {MaxFstabBytes} were read"));
        }

        return Fstab.Parse(Encoding.UTF8.GetString(buffer));
    }

    private static bool NamesItselfAsRoot(MountableVolume volume, IReadOnlyList<FstabEntry> fstab, IEnumerable<MountableVolume> volumes) =>
        fstab.Any(entry => TreePath.Normalize(entry.MountPoint) == "/" && !IsNotOnDisk(entry) && FstabSpecMatcher.Match(entry.Spec, volumes) == volume);

    /// <summary>Swap, kernel file systems and bind mounts name nothing on the disk to mount.</summary>
    private static bool IsNotOnDisk(FstabEntry entry) =>
        IgnoredTypes.Contains(entry.Type)
        || !entry.MountPoint.StartsWith('/')
        || entry.Options.Split(',').Any(option => option is "bind" or "rbind");
}
