using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Systemd;

namespace Snapsight.Compliance.Oval.Probes.Systemd;

/// <summary>
/// The units of the image as systemd would load them at boot from its unit directories, highest
/// precedence first (/etc over /usr/local/lib over /usr/lib and /lib; /run is empty in an image).
/// A unit is masked when its highest file links to /dev/null or is empty; drop-ins
/// (<c>name.d/*.conf</c>) come from every directory, one per file name, applied in name order.
/// The directories are listed once per evaluation; each unit is read once.
/// </summary>
internal sealed class SystemdUnitFiles(ProbeContext context, CancellationToken cancellationToken)
{
    public static readonly string[] Directories = ["/etc/systemd/system", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    private const int MaxEntries = 200_000;

    private static readonly string[] UnitSuffixes =
        [".service", ".socket", ".target", ".timer", ".mount", ".automount", ".path", ".slice", ".scope", ".swap", ".device"];

    private FileTree Tree => context.Tree;

    /// <summary>Every unit name a unit directory holds (templates "name@.service" included), sorted.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync() => (await IndexAsync().ConfigureAwait(false)).Names;

    /// <summary>The unit as its files define it, or null when no unit directory holds it.</summary>
    public async Task<SystemdUnit?> LoadAsync(string name) =>
        (await context.MemoAsync($"systemd:unit:{name}", async () => new Box(await ReadAsync(name).ConfigureAwait(false))).ConfigureAwait(false)).Unit;

    /// <summary>The memo holds classes; a unit that is not there is remembered too.</summary>
    private sealed record Box(SystemdUnit? Unit);

    private sealed record UnitIndex(IReadOnlyList<string> Names, IReadOnlyDictionary<string, List<string>> Wants, IReadOnlyDictionary<string, List<string>> Requires, IReadOnlySet<string> LinkedInEtc);

    private Task<UnitIndex> IndexAsync() => context.MemoAsync("systemd:index", BuildIndexAsync);

    private async Task<UnitIndex> BuildIndexAsync()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var wants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var requires = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var linkedInEtc = new HashSet<string>(StringComparer.Ordinal);
        var entries = 0;
        foreach (var directory in Directories)
        {
            foreach (var entry in await ListAsync(directory, () => ++entries).ConfigureAwait(false))
            {
                var name = TreePath.FileName(entry.Path);
                if (entry.Node.Type != FileType.Directory && IsUnitName(name))
                {
                    names.Add(name);
                    continue;
                }

                var links = name.EndsWith(".wants", StringComparison.Ordinal) ? wants : name.EndsWith(".requires", StringComparison.Ordinal) ? requires : null;
                if (links is null || entry.Node.Type != FileType.Directory)
                {
                    continue;
                }

                var owner = name[..name.LastIndexOf('.')];
                var list = links.TryGetValue(owner, out var existing) ? existing : links[owner] = [];
                foreach (var link in await ListAsync(TreePath.Combine(directory, name), () => ++entries).ConfigureAwait(false))
                {
                    var linked = TreePath.FileName(link.Path);
                    if (IsUnitName(linked) && !list.Contains(linked))
                    {
                        list.Add(linked);
                        if (directory == Directories[0])
                        {
                            linkedInEtc.Add(linked);
                        }
                    }
                }
            }
        }

        return new UnitIndex([.. names], wants, requires, linkedInEtc);
    }

    private async Task<List<TreeEntry>> ListAsync(string directory, Func<int> count)
    {
        var found = new List<TreeEntry>();
        if (await Tree.StatAsync(directory, followFinalSymlink: true, cancellationToken).ConfigureAwait(false) is not { Node.Type: FileType.Directory })
        {
            return found;
        }

        await foreach (var entry in Tree.ListAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            if (count() > MaxEntries)
            {
                throw new OvalProbeException($"the systemd unit directories hold more than {MaxEntries} entries");
            }

            found.Add(entry);
        }

        return found;
    }

    private async Task<SystemdUnit?> ReadAsync(string name)
    {
        var index = await IndexAsync().ConfigureAwait(false);
        string? fragment = null;
        var masked = false;
        var alias = false;
        foreach (var directory in Directories)
        {
            var path = TreePath.Combine(directory, name);
            if (await Tree.StatAsync(path, followFinalSymlink: false, cancellationToken).ConfigureAwait(false) is not { } entry)
            {
                continue;
            }

            masked = (entry.Node.Type == FileType.Symlink && await Tree.ReadLinkAsync(path, cancellationToken).ConfigureAwait(false) == "/dev/null")
                || (entry.Node.Type == FileType.File && entry.Node.Size == 0);
            fragment = masked ? null : await Tree.ResolveAsync(path, cancellationToken).ConfigureAwait(false);
            alias = fragment is not null && TreePath.FileName(fragment) != name;
            break;
        }

        if (fragment is null && !masked)
        {
            return null;
        }

        var assignments = new List<UnitAssignment>();
        var dropIns = new List<string>();
        if (!masked)
        {
            assignments.AddRange(UnitFileParser.Parse(await ProbeFiles.ReadTextAsync(Tree, fragment!, cancellationToken).ConfigureAwait(false) ?? ""));
            dropIns.AddRange(await DropInsAsync(name).ConfigureAwait(false));
            foreach (var dropIn in dropIns)
            {
                assignments.AddRange(UnitFileParser.Parse(await ProbeFiles.ReadTextAsync(Tree, dropIn, cancellationToken).ConfigureAwait(false) ?? ""));
            }
        }

        return new SystemdUnit(name, fragment, masked, dropIns, assignments,
            masked ? [] : index.Wants.GetValueOrDefault(name) ?? [],
            masked ? [] : index.Requires.GetValueOrDefault(name) ?? [],
            alias,
            index.LinkedInEtc.Contains(name) || (name.Contains("@.", StringComparison.Ordinal) && index.LinkedInEtc.Any(linked => IsInstanceOf(linked, name))));
    }

    /// <summary>The drop-ins of a unit: one per file name, the highest directory's, in file-name order.</summary>
    private async Task<IEnumerable<string>> DropInsAsync(string name)
    {
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var entries = 0;
        foreach (var directory in Directories)
        {
            foreach (var entry in await ListAsync(TreePath.Combine(directory, name + ".d"), () => ++entries).ConfigureAwait(false))
            {
                var file = TreePath.FileName(entry.Path);
                if (file.EndsWith(".conf", StringComparison.Ordinal))
                {
                    byName.TryAdd(file, TreePath.Combine(TreePath.Combine(directory, name + ".d"), file));
                }
            }
        }

        return byName.Values;
    }

    /// <summary>"getty@tty1.service" is an instance of the template "getty@.service": linking the instance enables the template.</summary>
    private static bool IsInstanceOf(string unit, string template)
    {
        var at = template.IndexOf("@.", StringComparison.Ordinal);
        return unit.Length > template.Length && unit.StartsWith(template[..(at + 1)], StringComparison.Ordinal) && unit.EndsWith(template[(at + 1)..], StringComparison.Ordinal);
    }

    private static bool IsUnitName(string name) => UnitSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal));
}
