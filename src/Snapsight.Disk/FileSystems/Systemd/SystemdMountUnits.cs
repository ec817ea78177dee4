using System.Text;

namespace Snapsight.Disk.FileSystems.Systemd;

/// <summary>
/// The mount units a machine enables, read as fstab lines: systemd mounts a <c>.mount</c> unit at
/// boot when a target in /etc/systemd/system wants or requires it (the link <c>systemctl enable</c>
/// makes in <c>*.wants/</c> or <c>*.requires/</c>). Each unit's file is the first of the unit
/// directories that holds it; a masked one (linked to /dev/null, or empty) mounts nothing; one whose
/// name is not its <c>Where=</c> escaped (<see cref="SystemdPathEscape"/>) is refused by systemd and
/// reported. Drop-ins are not read. Everything read is bounded: the image is hostile.
/// </summary>
public static class SystemdMountUnits
{
    public const int MaxLinks = 10_000;
    public const int MaxUnitBytes = 64 * 1024;

    private const string EnabledDirectory = "/etc/systemd/system";

    private static readonly string[] UnitDirectories = [EnabledDirectory, "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    public static async Task<IReadOnlyList<FstabEntry>> ReadAsync(FileTree tree, List<TreeIssue> issues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(issues);
        var entries = new List<FstabEntry>();
        SortedSet<string> enabled;
        try
        {
            enabled = await EnabledMountUnitsAsync(tree, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            issues.Add(new TreeIssue(EnabledDirectory, $"the enabled mount units could not be listed: {e.Message}"));
            return entries;
        }

        foreach (var name in enabled)
        {
            try
            {
                if (await ReadUnitAsync(tree, name, issues, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (IOException e)
            {
                issues.Add(new TreeIssue(TreePath.Combine(EnabledDirectory, name), $"mount unit {name} could not be read: {e.Message}"));
            }
        }

        return entries;
    }

    /// <summary>The names of the .mount units linked from a *.wants or *.requires directory of /etc/systemd/system, sorted.</summary>
    private static async Task<SortedSet<string>> EnabledMountUnitsAsync(FileTree tree, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (await tree.StatAsync(EnabledDirectory, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.Directory })
        {
            return names;
        }

        var seen = 0;
        var linkDirectories = new List<string>();
        await foreach (var entry in tree.ListAsync(EnabledDirectory, cancellationToken).ConfigureAwait(false))
        {
            Count(ref seen);
            var name = TreePath.FileName(entry.Path);
            if (entry.Node.Type == FileType.Directory && (name.EndsWith(".wants", StringComparison.Ordinal) || name.EndsWith(".requires", StringComparison.Ordinal)))
            {
                linkDirectories.Add(entry.Path);
            }
        }

        // A link's name is all that says which unit it enables (the unit file is looked up by that name), so the
        // links' inodes are not read: on the Debian test image, 4 KB of the 36 KB that reading the units costs.
        foreach (var directory in linkDirectories)
        {
            await foreach (var name in tree.ListNamesAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                Count(ref seen);
                if (name.EndsWith(".mount", StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static void Count(ref int seen)
    {
        if (++seen > MaxLinks)
        {
            throw new DiskFormatException("systemd", "unit directory", 0, $"/etc/systemd/system holds more than {MaxLinks} entries");
        }
    }

    private static async Task<FstabEntry?> ReadUnitAsync(FileTree tree, string name, List<TreeIssue> issues, CancellationToken cancellationToken)
    {
        foreach (var directory in UnitDirectories)
        {
            var path = TreePath.Combine(directory, name);
            if (await tree.StatAsync(path, followFinalSymlink: false, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                continue;
            }

            if (found.Node.Type == FileType.Symlink && await tree.ReadLinkAsync(path, cancellationToken).ConfigureAwait(false) == "/dev/null")
            {
                return null;
            }

            if (await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.File } file)
            {
                continue;
            }

            if (file.Node.Size > MaxUnitBytes)
            {
                issues.Add(new TreeIssue(path, $"mount unit {name} is {file.Node.Size} bytes, more than {MaxUnitBytes}; not read"));
                return null;
            }

            await using var stream = await tree.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
            var bytes = new byte[file.Node.Size];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes.Length == 0 ? null : ToEntry(path, name, UnitFileParser.Parse(Encoding.UTF8.GetString(bytes)), issues);
        }

        issues.Add(new TreeIssue(TreePath.Combine(EnabledDirectory, name), $"mount unit {name} is enabled but no unit directory holds it"));
        return null;
    }

    /// <summary>The [Mount] section as an fstab line (the last assignment of a key wins, as in systemd).</summary>
    private static FstabEntry? ToEntry(string path, string name, IReadOnlyList<UnitAssignment> assignments, List<TreeIssue> issues)
    {
        string? Value(string key) => assignments.LastOrDefault(a => a.Section == "Mount" && a.Key == key)?.Value is { Length: > 0 } value ? value : null;

        var what = Value("What");
        var where = Value("Where");
        if (what is null || where is null || !where.StartsWith('/'))
        {
            issues.Add(new TreeIssue(path, $"mount unit {name} has no What= or no absolute Where=; systemd mounts nothing"));
            return null;
        }

        if (SystemdPathEscape.Escape(where) + ".mount" != name)
        {
            issues.Add(new TreeIssue(path, $"mount unit {name} has Where={TreePath.Printable(where)}, which its name does not match; systemd refuses it"));
            return null;
        }

        return new FstabEntry(what, where, Value("Type") ?? "auto", Value("Options") ?? "defaults");
    }
}
