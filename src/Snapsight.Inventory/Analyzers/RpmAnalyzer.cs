using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Analyzers;

/// <summary>
/// The rpm database in any of its three formats, at the places rpm keeps it: /var/lib/rpm
/// (RHEL 7–8, Amazon Linux 2, older SUSE) and /usr/lib/sysimage/rpm (Fedora 36+, RHEL 9+
/// moved it there and left a link, SUSE). The first database found is read: the others are
/// links to it or leftovers of a migration.
/// </summary>
internal sealed class RpmAnalyzer : IPackageAnalyzer
{
    private const long MaxDatabaseBytes = 512L * 1024 * 1024;

    /// <summary>SQLite checkpoints its log at about 4 MiB by default; a much bigger one is not a normal rpmdb.</summary>
    private const long MaxWriteAheadLogBytes = 64L * 1024 * 1024;

    private static readonly string[] Databases =
    [
        "/usr/lib/sysimage/rpm/rpmdb.sqlite",
        "/var/lib/rpm/rpmdb.sqlite",
        "/usr/lib/sysimage/rpm/Packages.db",
        "/var/lib/rpm/Packages.db",
        "/usr/lib/sysimage/rpm/Packages",
        "/var/lib/rpm/Packages",
    ];

    public string Id => "rpm";

    public IReadOnlyList<string> Paths { get; } = [.. Databases, .. Databases.Where(d => d.EndsWith(".sqlite", StringComparison.Ordinal)).Select(d => d + "-wal")];

    public async Task<AnalyzerOutput> AnalyzeAsync(FileTree tree, CancellationToken cancellationToken)
    {
        var failures = new List<InventoryGap>();
        foreach (var database in Databases)
        {
            try
            {
                if (await TreeFiles.ReadAsync(tree, database, MaxDatabaseBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
                {
                    continue;
                }

                // SQLite keeps recent commits in the write-ahead log until a checkpoint: a snapshot of a running machine has them there.
                var wal = database.EndsWith(".sqlite", StringComparison.Ordinal)
                    ? await TreeFiles.ReadAsync(tree, database + "-wal", MaxWriteAheadLogBytes, cancellationToken).ConfigureAwait(false)
                    : null;
                var read = RpmDatabaseReader.Read(bytes, database, wal);
                if (read.Packages.Count == 0 && read.Problems.Count > 0)
                {
                    failures.AddRange(read.Problems.Select(p => new InventoryGap(database, p)));
                    continue;
                }

                return new AnalyzerOutput(read.Packages, [.. failures, .. read.Problems.Select(p => new InventoryGap(database, p))]);
            }
            catch (DiskFormatException e)
            {
                // A stale or broken database next to the live one must not hide it: note it and try the next.
                failures.Add(new InventoryGap(database, e.Message));
            }
        }

        return new AnalyzerOutput([], failures);
    }
}
