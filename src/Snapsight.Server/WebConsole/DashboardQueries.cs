using Microsoft.EntityFrameworkCore;
using Snapsight.Advisories.Model;
using Snapsight.Compliance.Assessment;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Findings;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// The dashboard's numbers, each one aggregate query in the database (never rows counted in
/// memory): findings by severity from the counts stored with each current run, the top lists over
/// the same current-findings query the API's findings list uses.
/// </summary>
public sealed class DashboardQueries(ControlDbContext db, Licence licence, TimeProvider clock)
{
    /// <summary>How far back a scan counts towards coverage.</summary>
    public static readonly TimeSpan CoverageWindow = TimeSpan.FromHours(24);

    public const int TopFindings = 10;

    public async Task<Dashboard> LoadAsync(CancellationToken ct)
    {
        var byState = await db.Assets.AsNoTracking().GroupBy(a => a.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - CoverageWindow;
        var activated = db.Assets.AsNoTracking().Where(a => a.Activation == AssetActivation.Activated);
        var active = await activated.CountAsync(ct).ConfigureAwait(false);
        var scanned = await activated.CountAsync(a => a.LastScanCompletedAt >= since, ct).ConfigureAwait(false);

        var current = ResultQueries.CurrentFindings(db, FindingFilter.None);
        // The current runs' stored counts: the same numbers as grouping the current findings, from one row per asset.
        var counts = await db.StoredRuns.AsNoTracking().Where(r => r.IsCurrent).GroupBy(r => 1)
            .Select(g => new SeverityDay(DateOnly.MinValue, g.Sum(r => r.CriticalFindings), g.Sum(r => r.HighFindings),
                g.Sum(r => r.MediumFindings), g.Sum(r => r.LowFindings), g.Sum(r => r.UnknownFindings)))
            .SingleOrDefaultAsync(ct).ConfigureAwait(false) ?? new SeverityDay(DateOnly.MinValue, 0, 0, 0, 0, 0);
        var kev = await ResultQueries.Ordered(current.Where(f => f.Kev)).Take(TopFindings).ToListAsync(ct).ConfigureAwait(false);
        var epss = await current.Where(f => f.EpssScore != null)
            .OrderByDescending(f => f.EpssScore).ThenBy(f => f.VulnerabilityId).ThenBy(f => f.Id)
            .Take(TopFindings).ToListAsync(ct).ConfigureAwait(false);

        var compliance = await db.StoredRuleResults.AsNoTracking()
            .Where(r => db.StoredRuns.Any(run => run.Id == r.RunId && run.IsCurrent))
            .GroupBy(r => r.Profile).OrderBy(g => g.Key)
            .Select(g => new ComplianceScore(g.Key, g.Count(r => r.Result == RuleResult.Pass), g.Count(r => r.Result == RuleResult.Fail)))
            .ToListAsync(ct).ConfigureAwait(false);

        return new Dashboard(
            Enum.GetValues<AssetState>().Select(s => (s, byState.GetValueOrDefault(s))).ToList(),
            active, scanned,
            Enum.GetValues<Severity>().Reverse().Select(s => (s, counts.Count(s))).ToList(),
            await SeverityTrend.LoadAsync(db, DateOnly.FromDateTime(now), ct).ConfigureAwait(false),
            kev, epss, compliance, await licence.UsageAsync(ct).ConfigureAwait(false));
    }
}
