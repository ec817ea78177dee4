using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

/// <summary>
/// Stores a run's results and answers the diff between runs (docs/control/results.md). A store is
/// one transaction under the <see cref="SubscriptionLock"/>: the run row, its packages, findings,
/// rule results and SBOMs, and the flip of the asset's current run all commit together or not at
/// all. The run id is the run row's key, so storing a run again, even concurrently, leaves one copy.
/// </summary>
public sealed class ScanResults(ControlDbContext db, TimeProvider clock)
{
    public async Task<StoreOutcome> StoreAsync(RunResult run, CancellationToken ct)
    {
        RunResultCheck.Validate(run);
        try
        {
            return await SubscriptionLock.RunAsync(db, () => AddAsync(run, ct), ct).ConfigureAwait(false);
        }
        catch (DbUpdateException failure) when (UniqueViolation.Is(failure))
        {
            // Only reachable when the run id is taken outside the lock's reach: by another subscription.
            db.ChangeTracker.Clear();
            if (await db.StoredRuns.AnyAsync(r => r.Id == run.RunId, ct).ConfigureAwait(false))
            {
                return StoreOutcome.AlreadyStored;
            }

            throw new ConflictException("The run id is already used by another run.");
        }
    }

    /// <summary>
    /// The diff of <paramref name="runId"/> to the asset's run before it; null when the asset or the
    /// run is not the caller's. Computed on read (see docs/control/results.md for why).
    /// </summary>
    public async Task<RunDiff?> DiffAsync(Guid assetId, Guid runId, CancellationToken ct)
    {
        var runs = await db.StoredRuns.AsNoTracking().Where(r => r.AssetId == assetId).ToListAsync(ct).ConfigureAwait(false);
        runs.Sort(StoredRun.Compare);
        var index = runs.FindIndex(r => r.Id == runId);
        if (index < 0)
        {
            return null;
        }

        var previous = index > 0 ? runs[index - 1] : null;
        var current = await FindingKeysAsync(runId, ct).ConfigureAwait(false);
        var before = previous is null ? [] : await FindingKeysAsync(previous.Id, ct).ConfigureAwait(false);
        var earlier = await EarlierFindingKeysAsync(assetId, previous, runs.Take(Math.Max(0, index - 1)).ToList(), ct)
            .ConfigureAwait(false);
        return RunDiff.Compute(runId, previous?.Id, current, before, earlier,
            await PackagesAsync(runId, ct).ConfigureAwait(false),
            previous is null ? [] : await PackagesAsync(previous.Id, ct).ConfigureAwait(false));
    }

    private async Task<StoreOutcome> AddAsync(RunResult run, CancellationToken ct)
    {
        // Under the lock, so no other store of this subscription is between this check and the commit.
        if (await db.StoredRuns.AnyAsync(r => r.Id == run.RunId, ct).ConfigureAwait(false))
        {
            return StoreOutcome.AlreadyStored;
        }

        if (!await db.Assets.AnyAsync(a => a.Id == run.AssetId, ct).ConfigureAwait(false))
        {
            throw new InvalidFieldException("assetId", "no asset with that id in this subscription");
        }

        var subscription = db.CurrentSubscriptionId!.Value;
        var stored = StoredRows.Run(run, subscription, clock.GetUtcNow().UtcDateTime);
        var current = await db.StoredRuns.SingleOrDefaultAsync(r => r.AssetId == run.AssetId && r.IsCurrent, ct)
            .ConfigureAwait(false);
        // A run that completed before the current one (stored late, after a retry) joins the history only.
        if (current is null || StoredRun.Compare(current, stored) < 0)
        {
            stored.IsCurrent = true;
            if (current is not null)
            {
                current.IsCurrent = false;
            }
        }

        await LinkAsync(stored, ct).ConfigureAwait(false);
        db.StoredRuns.Add(stored);
        db.StoredFindings.AddRange(run.Findings.Select(f => StoredRows.Finding(f, stored)));
        db.StoredSboms.AddRange(StoredRows.Sboms(run, stored));
        // The run row first (the rows below refer to it); then the flat rows, the most numerous, past the change tracker.
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await BulkInsert.AddAsync(db, run.Packages.Select(p => StoredRows.Package(p, stored)).ToList(), ct).ConfigureAwait(false);
        await BulkInsert.AddAsync(db, run.Compliance.Select(r => StoredRows.RuleResult(r, stored)).ToList(), ct).ConfigureAwait(false);
        return StoreOutcome.Stored;
    }

    /// <summary>
    /// Sets when <paramref name="stored"/> is superseded (its next run's completion) and makes it the
    /// supersession of the run before it, wherever in the asset's history it lands (late runs too).
    /// </summary>
    private async Task LinkAsync(StoredRun stored, CancellationToken ct)
    {
        var (at, id) = (stored.CompletedAt, stored.Id);
        var runs = db.StoredRuns.Where(r => r.AssetId == stored.AssetId);
        stored.SupersededAt = await runs.Where(r => r.CompletedAt > at || (r.CompletedAt == at && r.Id.CompareTo(id) > 0))
            .OrderBy(r => r.CompletedAt).ThenBy(r => r.Id).Select(r => (DateTime?)r.CompletedAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var previous = await runs.Where(r => r.CompletedAt < at || (r.CompletedAt == at && r.Id.CompareTo(id) < 0))
            .OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (previous is not null)
        {
            previous.SupersededAt = at;
        }
    }

    private Task<List<FindingKey>> FindingKeysAsync(Guid runId, CancellationToken ct) =>
        db.StoredFindings.AsNoTracking().Where(f => f.RunId == runId)
            .Select(f => new FindingKey(f.VulnerabilityId, f.PackageName)).ToListAsync(ct);

    private async Task<List<(PackageKey Key, string Version)>> PackagesAsync(Guid runId, CancellationToken ct) =>
        (await db.StoredPackages.AsNoTracking().Where(p => p.RunId == runId)
            .Select(p => new { p.Type, p.Name, p.Arch, p.Version }).ToListAsync(ct).ConfigureAwait(false))
        .Select(p => (new PackageKey(p.Type, p.Name, p.Arch), p.Version)).ToList();

    /// <summary>
    /// The finding keys of every run before <paramref name="previous"/>: those that completed earlier
    /// are selected by time in the database; the few that share its completion time come by id.
    /// </summary>
    private async Task<IReadOnlySet<FindingKey>> EarlierFindingKeysAsync(Guid assetId, StoredRun? previous,
        List<StoredRun> earlierRuns, CancellationToken ct)
    {
        if (previous is null || earlierRuns.Count == 0)
        {
            return new HashSet<FindingKey>();
        }

        var before = previous.CompletedAt;
        var ties = earlierRuns.Where(r => r.CompletedAt == before).Select(r => r.Id).ToList();
        var keys = await db.StoredFindings.AsNoTracking()
            .Where(f => f.AssetId == assetId
                && (db.StoredRuns.Any(r => r.Id == f.RunId && r.CompletedAt < before) || ties.Contains(f.RunId)))
            .Select(f => new { f.VulnerabilityId, f.PackageName }).Distinct().ToListAsync(ct).ConfigureAwait(false);
        return keys.Select(k => new FindingKey(k.VulnerabilityId, k.PackageName)).ToHashSet();
    }
}
