using Snapsight.Advisories.Matching;
using Snapsight.Inventory;

namespace Snapsight.Scanning;

/// <summary>
/// One scan of one machine, start to end: open the target (while the advisory store opens on the
/// other core), take the inventory, match it, filter, work out the upgrades, evaluate compliance,
/// and return the <see cref="ScanResult"/>. A missing store file is refused before anything is
/// read; no store at all is an inventory-only scan with the gap recorded. Cancellation stops
/// every step; the target is closed whatever happens. docs/scanning.md describes the steps.
/// </summary>
public static class ScanPipeline
{
    /// <summary>Scans the volumes of one machine (root first, data volumes after), assembled by its fstab.</summary>
    public static Task<ScanResult> RunAsync(string name, IReadOnlyList<ScanVolume> volumes, ScanOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(name, ct => ScanTarget.AssembleAsync(name, volumes, ct), options, cancellationToken);

    /// <summary>Scans what <paramref name="open"/> opens (an image, a directory, a machine's volumes), reporting it as <paramref name="name"/>.</summary>
    public static async Task<ScanResult> RunAsync(
        string name, Func<CancellationToken, Task<ScanTarget>> open, ScanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Progress;

        // Some layers finish a call whatever the token says (a synchronous file read): each step starts only if the scan is still wanted.
        cancellationToken.ThrowIfCancellationRequested();
        using var storeOpening = options.AdvisoryStorePath is { } storePath ? StoreOpening.Start(storePath, cancellationToken) : null;
        progress?.Report(new ScanProgressReport(ScanStage.Reading, $"reading {name}"));
        using var target = await Read(storeOpening, open, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var inventory = await Read(storeOpening, ct => InventoryCollector.CollectAsync(target.Tree, ct), cancellationToken).ConfigureAwait(false);
        var result = new ScanResult
        {
            Target = target.Describe(),
            ScannedAt = options.Time.GetUtcNow(),
            Elapsed = TimeSpan.Zero,
            Inventory = inventory,
            MatchGaps = [new InventoryGap("advisories", "no advisory database was given: the inventory was taken, vulnerabilities were not looked for")],
        };
        cancellationToken.ThrowIfCancellationRequested();
        if (storeOpening is not null)
        {
            result = await MatchAsync(result, storeOpening, options).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (options.Compliance is { } request)
        {
            var (report, skipped) = await ComplianceEvaluation.RunAsync(target, inventory.Os, request, progress, cancellationToken).ConfigureAwait(false);
            result = result with { Compliance = report, ComplianceSkipped = skipped };
        }

        progress?.Report(new ScanProgressReport(ScanStage.Done, "done"));
        return result with { Target = target.Describe(), Elapsed = target.Clock.Elapsed };
    }

    /// <summary>Runs a read of the disk under the store's token when a store is opening, so that a store failing to open stops it with the store's error.</summary>
    private static Task<T> Read<T>(StoreOpening? storeOpening, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        storeOpening is null ? read(cancellationToken) : storeOpening.ReadAsync(read);

    private static async Task<ScanResult> MatchAsync(ScanResult result, StoreOpening storeOpening, ScanOptions options)
    {
        var store = await storeOpening.StoreAsync().ConfigureAwait(false);
        options.Progress?.Report(new ScanProgressReport(ScanStage.Matching, $"matching {result.Inventory.Packages.Count} packages"));
        var match = VulnerabilityMatcher.Match(result.Inventory, store);
        var today = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);
        var findings = options.Filter?.Apply(match.Findings, today) ?? match.Findings;
        var osScope = result.Inventory.Os is { } os ? OsScopes.For(os) : null;
        return result with
        {
            Findings = findings,
            Remediations = Remediation.For(findings, p => PackageQuery.For(p, osScope)),
            Database = store.BuildRecord(),
            MatchGaps = match.Gaps,
        };
    }
}
