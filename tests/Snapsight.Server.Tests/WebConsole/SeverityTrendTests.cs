using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Advisories.Model;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Results;
using Snapsight.Server.Tests.Support;
using Snapsight.Server.WebConsole;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The dashboard's severity history against an evaluation written here from the stored rows: for
/// each day, each asset's latest run on or before it, its findings counted by severity. Two assets
/// with runs on different days, before the window, twice on one day, at midnight and after today,
/// stored out of order.
/// </summary>
public sealed class SeverityTrendTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestRuns.Start).AddDays(40);

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_day_sums_every_assets_latest_run_on_or_before_it(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var (a, b) = await TwoAssetsAsync(tenant);
        // Out of order, as late runs arrive: the store must place each between its neighbours.
        await StoreAsync(tenant, a, 0, 1, (Severity.Critical, 2));
        await StoreAsync(tenant, b, 1, 0, (Severity.High, 9));
        await StoreAsync(tenant, a, -10, 15, (Severity.Low, 2));
        await StoreAsync(tenant, b, -29, 0, (Severity.Unknown, 1), (Severity.Medium, 1));
        await StoreAsync(tenant, a, -40, 12, (Severity.Critical, 1), (Severity.High, 2));
        await StoreAsync(tenant, a, -10, 10, (Severity.High, 1), (Severity.Medium, 3));
        await StoreAsync(tenant, b, -5, 23, (Severity.Critical, 1));
        // Another subscription's runs never count.
        var other = await TestTenant.CreateAsync(server);
        var (c, _) = await TwoAssetsAsync(other);
        await StoreAsync(other, c, -3, 0, (Severity.Critical, 5));

        await using var scope = Scope(tenant, out var db);
        var trend = await SeverityTrend.LoadAsync(db, Today, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, SeverityTrend.Days).Select(i => Today.AddDays(i + 1 - SeverityTrend.Days)), trend.Select(d => d.Day));
        Assert.Equal(await FromRowsAsync(db, trend.Select(d => d.Day)), trend.Select(Counts));
        // By hand: the window's first day has a's run of day -40 and b's of that midnight; day -10 a's later run of the day.
        Assert.Equal(new SeverityDay(Today.AddDays(-29), 1, 2, 1, 0, 1), trend[0]);
        Assert.Equal(new SeverityDay(Today.AddDays(-10), 0, 0, 1, 2, 1), trend[19]);
        Assert.Equal(new SeverityDay(Today, 3, 0, 0, 0, 0), trend[^1]);
    }

    private static async Task<(Guid, Guid)> TwoAssetsAsync(TestTenant tenant)
    {
        var ids = await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"));
        return (ids[0], ids[1]);
    }

    private static Task<StoreOutcome> StoreAsync(TestTenant tenant, Guid asset, int day, int hour, params (Severity Severity, int Count)[] findings)
    {
        var run = TestRuns.Run(asset, 0, findings: [.. findings.SelectMany(f => Enumerable.Range(0, f.Count)
            .Select(i => TestRuns.Finding($"CVE-2024-{i:D4}", $"{f.Severity}-package", f.Severity)))]);
        return TestRuns.StoreAsync(tenant, run with { CompletedAt = Today.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).AddDays(day) });
    }

    /// <summary>The oracle: runs and findings read as rows, the latest run per asset and day picked and counted here.</summary>
    private static async Task<List<string>> FromRowsAsync(ControlDbContext db, IEnumerable<DateOnly> days)
    {
        var runs = await db.StoredRuns.AsNoTracking().ToListAsync();
        var findings = await db.StoredFindings.AsNoTracking().Select(f => new { f.RunId, f.Severity }).ToListAsync();
        return days.Select(day =>
        {
            var end = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var latest = runs.Where(r => r.CompletedAt < end).GroupBy(r => r.AssetId)
                .Select(g => g.Aggregate((x, y) => StoredRun.Compare(x, y) >= 0 ? x : y).Id).ToHashSet();
            var counted = findings.Where(f => latest.Contains(f.RunId)).ToList();
            return string.Join(" ", Enum.GetValues<Severity>().Select(s => $"{s}={counted.Count(f => f.Severity == s)}"));
        }).ToList();
    }

    private static string Counts(SeverityDay day) => string.Join(" ", Enum.GetValues<Severity>().Select(s => $"{s}={day.Count(s)}"));

    private static AsyncServiceScope Scope(TestTenant tenant, out ControlDbContext db)
    {
        var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        return scope;
    }
}
