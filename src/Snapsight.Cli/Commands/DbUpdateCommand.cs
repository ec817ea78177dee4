using System.CommandLine;
using Snapsight.Advisories.Import;
using Snapsight.Advisories.Update;

namespace Snapsight.Cli.Commands;

/// <summary>
/// <c>snapsight db update</c>: download every feed (or those named) from upstream or a mirror into
/// a folder beside the database, then import them. Without <c>--only</c> the database is rebuilt
/// from all downloaded feeds, so withdrawn records leave it; with <c>--only</c> the named feeds
/// are re-imported into a copy of it. Either way it is swapped in only when all went well.
/// </summary>
internal static class DbUpdateCommand
{
    public static Command Build()
    {
        var mirror = new Option<string?>("--mirror")
        {
            Description = "Download from this mirror instead of upstream: a folder, file:// URL or http(s) URL laid out as <mirror>/<host>/<path> " +
                "of each upstream URL (docs/advisories/update.md). For air-gapped sites.",
        };
        var only = new Option<string[]>("--only")
        {
            Description = "Update only these feeds (a feed name such as osv-debian or alas-2023, or a format such as osv, alas, nvd). Repeat or separate by spaces.",
            AllowMultipleArgumentsPerToken = true,
        };
        var db = DbPathOption.Create();
        var command = new Command("update", "Download the advisory feeds (OSV per ecosystem, the Debian security tracker, Alpine secdb, Amazon Linux " +
            "ALAS, Red Hat CSAF/VEX, NVD, EPSS, CISA KEV) and rebuild the database from them. Downloads are conditional: a feed that has " +
            "not changed is not fetched again. A failed or interrupted update leaves the previous database untouched.\n\n" +
            "Examples:\n  snapsight db update\n  snapsight db update --only osv-debian debian-tracker kev\n  snapsight db update --mirror /srv/feeds-mirror")
        {
            mirror, only, db,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            IReadOnlyList<FeedSource> feeds;
            var names = parse.GetValue(only) ?? [];
            try
            {
                feeds = FeedCatalogue.Select(names);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--only: {e.Message.Split(" (Parameter")[0]}");
            }

            var location = parse.GetValue(mirror) is { } text ? FeedLocation.Parse(text) : null;
            return UpdateAsync(DbPathOption.Resolve(parse, db), feeds, replace: names.Length == 0, location, cancellationToken);
        }));
        return command;
    }

    /// <summary>
    /// <c>db update</c>'s work, shared with <c>snapsight demo</c>: downloads <paramref name="feeds"/> into a folder beside the
    /// database, imports them (rebuilding it when <paramref name="replace"/>), answers 0.
    /// </summary>
    public static async Task<int> UpdateAsync(string storePath, IReadOnlyList<FeedSource> feeds, bool replace, FeedLocation? location,
        CancellationToken cancellationToken)
    {
        var downloads = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, "feeds");
        var progress = new ScanProgress();
        IReadOnlyList<DownloadedFeed> downloaded;
        using (var downloader = new FeedDownloader())
        {
            try
            {
                downloaded = await downloader.DownloadAsync(
                    feeds, location, downloads, new Progress<DownloadProgress>(p => progress.Report($"{p.Feed}: {p.File} {Sizes.Human(p.Bytes)}")), cancellationToken).ConfigureAwait(false);
            }
            catch (FeedDownloadException e)
            {
                throw new UsageException($"update failed, the database was left as it was: {e.Message}");
            }
        }

        foreach (var feed in downloaded)
        {
            Console.Out.WriteLine($"{feed.Name}: {(feed.NotModified ? "not modified" : $"{feed.Files.Count} file(s)")}");
        }

        var files = downloaded.SelectMany(f => f.Files).ToList();
        var summary = await StoreImporter.ImportAsync(storePath, files, new Progress<ImportProgress>(p => progress.Report($"{p.Items} items, {p.File}")), cancellationToken, replace).ConfigureAwait(false);
        await ImportReport.WriteSkippedAsync(summary, 20).ConfigureAwait(false);
        Console.Out.WriteLine($"database: {storePath} ({summary.Feeds.Sum(f => f.Records)} items from {summary.Feeds.Count} files)");
        return 0;
    }
}
