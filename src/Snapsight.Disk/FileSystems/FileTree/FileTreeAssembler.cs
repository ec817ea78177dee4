using System.Text;

namespace Snapsight.Disk.FileSystems;

/// <summary>
/// Puts a machine's file systems together as it would at boot: finds the root file system,
/// reads its /etc/fstab, and mounts each listed volume that is on this disk. Whatever does not
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
    /// The root is a volume holding /etc/fstab and an operating system marker (os-release, /bin or
    /// /usr/bin); among several, one whose fstab names itself for "/" wins, then the first by name.
    /// </summary>
    public static async Task<FileTreeAssembly> AssembleAsync(IReadOnlyList<MountableVolume> volumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        if (volumes.Count == 0)
        {
            throw new ArgumentException("there are no volumes to assemble", nameof(volumes));
        }

        var issues = new List<TreeIssue>();
        var ordered = volumes.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        var candidates = new List<(MountableVolume Volume, IReadOnlyList<FstabEntry> Fstab)>();
        foreach (var volume in ordered)
        {
            try
            {
                if (await ReadRootFstabAsync(volume, issues, cancellationToken).ConfigureAwait(false) is { } fstab)
                {
                    candidates.Add((volume, fstab));
                }
            }
            catch (IOException e)
            {
                issues.Add(new TreeIssue("/", $"volume {volume.Name} could not be examined for a root file system: {e.Message}"));
            }
        }

        var chosen = candidates.FirstOrDefault(c => NamesItselfAsRoot(c.Volume, c.Fstab, ordered));
        if (chosen.Volume is null)
        {
            chosen = candidates.FirstOrDefault();
        }

        if (chosen.Volume is null)
        {
            chosen = (ordered[0], []);
            issues.Add(new TreeIssue("/", $"no volume holds /etc/fstab and an operating system; using {ordered[0].Name} as the root"));
        }

        var tree = new FileTree(chosen.Volume.FileSystem);
        var mounts = new List<(string, MountableVolume)>();
        foreach (var entry in chosen.Fstab)
        {
            if (IsNotOnDisk(entry))
            {
                continue;
            }

            var mountPoint = TreePath.Normalize(entry.MountPoint);
            var volume = FstabSpecMatcher.Match(entry.Spec, ordered);
            if (volume is null)
            {
                issues.Add(new TreeIssue(mountPoint, $"fstab names {mountPoint} on {entry.Spec} which is not on this disk"));
            }
            else if (mountPoint == "/" && volume != chosen.Volume)
            {
                issues.Add(new TreeIssue("/", $"fstab names {entry.Spec} ({volume.Name}) for /, but {chosen.Volume.Name} holds the operating system; kept {chosen.Volume.Name}"));
            }
            else if (volume != chosen.Volume)
            {
                tree.Mount(mountPoint, volume.FileSystem);
                mounts.Add((mountPoint, volume));
            }
        }

        return new FileTreeAssembly(tree, chosen.Volume, mounts, issues);
    }

    /// <summary>The parsed fstab when <paramref name="volume"/> looks like a root file system, else null.</summary>
    private static async Task<IReadOnlyList<FstabEntry>?> ReadRootFstabAsync(MountableVolume volume, List<TreeIssue> issues, CancellationToken cancellationToken)
    {
        var tree = new FileTree(volume.FileSystem);
        if (await tree.StatAsync("/etc/fstab", followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.File })
        {
            return null;
        }

        var hasOperatingSystem = false;
        foreach (var marker in OperatingSystemMarkers)
        {
            hasOperatingSystem = hasOperatingSystem || await tree.StatAsync(marker, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not null;
        }

        if (!hasOperatingSystem)
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
