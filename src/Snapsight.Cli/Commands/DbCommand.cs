using System.CommandLine;
using System.Globalization;
using Snapsight.Advisories.Import;
using Snapsight.Advisories.Store;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight db update|import|status</c>: fill the advisory database from the feeds or from local files, and say what it holds.</summary>
internal static class DbCommand
{
    /// <summary>Older than this, <c>db status</c> warns: feeds publish daily.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);

    private static readonly string[] FeedHeadings = ["FORMAT", "RECORDS", "FETCHED", "SOURCE"];

    public static Command Build()
    {
        var command = new Command("db", "Manage the advisory database the scans match against (one SQLite file).");
        command.Subcommands.Add(DbUpdateCommand.Build());
        command.Subcommands.Add(BuildImport());
        command.Subcommands.Add(BuildStatus());
        return command;
    }

    private static Command BuildImport()
    {
        var paths = new Argument<string[]>("path") { Description = "Feed files, folders of them, or .zip / .tar.gz / .gz archives.", Arity = ArgumentArity.OneOrMore };
        var db = DbPathOption.Create();
        var command = new Command("import", "Import advisory feeds from local files into the database, recognising each file's format from its " +
            "content: OSV records and all.zip archives, the Debian security tracker JSON, Alpine secdb, Amazon Linux updateinfo.xml, " +
            "Red Hat CSAF/VEX, NVD API 2.0 pages, EPSS CSV and the CISA KEV catalogue. A record imported again replaces the earlier one. " +
            "The database is only replaced once everything has been read: a failed import leaves it as it was.\n\n" +
            "Examples:\n  snapsight db import almalinux-osv-advisories.tar.gz\n  snapsight db import ./mirror/ --db /srv/snapsight/advisories.db")
        {
            paths, db,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
            ImportAsync(DbPathOption.Resolve(parse, db), parse.GetValue(paths)!, cancellationToken)));
        return command;
    }

    /// <summary><c>db import</c>'s work, shared with <c>snapsight demo --advisories</c>: imports, says what was read, answers 0.</summary>
    public static async Task<int> ImportAsync(string storePath, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var progress = new ScanProgress();
        var summary = await StoreImporter.ImportAsync(
            storePath, paths, new Progress<ImportProgress>(p => progress.Report($"{p.Items} items, {p.File}")), cancellationToken).ConfigureAwait(false);
        foreach (var feed in summary.Feeds)
        {
            Console.Out.WriteLine($"imported {feed.Records} items ({feed.Format}) from {TreePath.Printable(feed.Source)}");
        }

        foreach (var file in summary.Unrecognised)
        {
            await Console.Error.WriteLineAsync($"snapsight: skipped {TreePath.Printable(file)}: not in a feed format snapsight knows").ConfigureAwait(false);
        }

        await ImportReport.WriteSkippedAsync(summary, int.MaxValue).ConfigureAwait(false);

        Console.Out.WriteLine($"database: {storePath}");
        return 0;
    }

    private static Command BuildStatus()
    {
        var db = DbPathOption.Create();
        var command = new Command("status", "Say how old the advisory database is, which feeds it was built from and how many records it holds; " +
            "warn when it is older than 24 hours.") { db };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            var storePath = DbPathOption.Resolve(parse, db);
            using var store = AdvisoryStore.Open(storePath);
            var build = store.BuildRecord();
            var age = DateTimeOffset.UtcNow - build.BuiltAt;
            Console.Out.WriteLine($"Database  {storePath}");
            Console.Out.WriteLine($"Schema    {build.SchemaVersion}");
            Console.Out.WriteLine($"Built     {build.BuiltAt:yyyy-MM-dd HH:mm:ss} UTC ({Age(age)} ago)");
            foreach (var (table, rows) in store.Counts())
            {
                Console.Out.WriteLine($"{table,-16}{rows.ToString("N0", CultureInfo.InvariantCulture),12}");
            }

            var rowsOut = new List<string[]> { FeedHeadings };
            rowsOut.AddRange(build.Feeds.Select(f => new[]
            {
                f.Format, f.Records.ToString(CultureInfo.InvariantCulture), f.FetchedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TreePath.Printable(f.Source),
            }));
            Console.Out.WriteLine();
            InventoryReportTable.WriteColumns(Console.Out, rowsOut);
            if (age > StaleAfter)
            {
                Console.Error.WriteLine($"snapsight: warning: the advisory database is {Age(age)} old; run 'snapsight db update' for current advisories");
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static string Age(TimeSpan age) => age.TotalHours < 48
        ? $"{(int)age.TotalHours} h {age.Minutes} min"
        : $"{(int)age.TotalDays} days";
}
