using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Compliance.Assessment;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Results;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Persistence;

/// <summary>
/// The rows a result's bulk insert writes read back through EF Core as they went in (every column, nulls, the enum
/// as EF converts it, the keys as EF binds them: a row bound otherwise would not match the queries below), across
/// statements; and the insert keeps the tenant and transaction rules of the context's own save.
/// </summary>
public sealed class BulkInsertTests
{
    // Many statements' worth (200 parameters of 10 columns: 20 rows), the last one short.
    private const int Packages = 901;

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_stored_result_reads_back_row_for_row(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var packages = Enumerable.Range(0, Packages).Select(i => new RunPackage(i % 3 == 0 ? "rpm" : "dpkg", $"pkg-{i}-'\"ü", $"1:{i}.0-{i % 7}",
            i % 5 == 0 ? null : "amd64", i % 4 == 0 ? null : $"pkg:deb/debian/p{i}@{i}", i % 2 == 0 ? null : $"src-{i}")).ToList();
        var rules = Enum.GetValues<RuleResult>().Select((result, i) => new RunRuleResult("profile", $"rule-{i}", $"Title {i} 'quoted'", "high", result))
            .ToList();
        var run = TestRuns.Run(asset, 1, packages) with { Compliance = rules };

        await TestRuns.StoreAsync(tenant, run);

        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        var storedPackages = await db.StoredPackages.AsNoTracking().Where(p => p.RunId == run.RunId && p.AssetId == asset).ToListAsync();
        Assert.Equal(
            packages.Select(p => (p.Type, p.Name, p.Version, p.Arch, p.Purl, p.Source)).Order(),
            storedPackages.Select(p => (p.Type, p.Name, p.Version, p.Arch, p.Purl, p.Source)).Order());
        Assert.Equal(Packages, storedPackages.Select(p => p.Id).Distinct().Count());
        Assert.All(storedPackages, p => Assert.Equal(tenant.SubscriptionId, p.SubscriptionId));
        var storedRules = await db.StoredRuleResults.AsNoTracking().Where(r => r.RunId == run.RunId).ToListAsync();
        Assert.Equal(
            rules.Select(r => (r.Profile, r.RuleId, r.Title, r.Severity, r.Result)).Order(),
            storedRules.Select(r => (r.Profile, r.RuleId, r.Title, r.Severity, r.Result)).Order());
        // Filtered on the enum in the database: stored as EF's converter writes it.
        Assert.Single(await db.StoredRuleResults.AsNoTracking().Where(r => r.RunId == run.RunId && r.Result == RuleResult.NotApplicable).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Rows_of_another_subscription_or_outside_a_transaction_are_refused_and_nothing_is_written(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var a = await TestTenant.CreateAsync(server);
        var b = await TestTenant.CreateAsync(server);
        var asset = (await TestAssets.SeedAsync(a, TestAssets.Instance(1, "10.0.0.1")))[0];
        var run = TestRuns.Run(asset, 1);
        await TestRuns.StoreAsync(a, run);
        var before = await TestRuns.CountAsync(a);

        await using (var scope = server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(a.SubscriptionId);
            var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
            StoredRuleResult Row(Guid subscription) => new()
            {
                Id = Guid.NewGuid(), SubscriptionId = subscription, RunId = run.RunId, AssetId = asset,
                Profile = "p", RuleId = "r", Title = "t", Severity = "low", Result = RuleResult.Pass,
            };

            var outside = await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.AddAsync(db, [Row(a.SubscriptionId)], CancellationToken.None));
            Assert.Contains("transaction", outside.Message, StringComparison.Ordinal);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var foreign = await Assert.ThrowsAsync<InvalidOperationException>(
                () => BulkInsert.AddAsync(db, [Row(a.SubscriptionId), Row(b.SubscriptionId)], CancellationToken.None));
            Assert.Contains("another subscription", foreign.Message, StringComparison.Ordinal);
            await transaction.CommitAsync();
        }

        Assert.Equal(before, await TestRuns.CountAsync(a));
        Assert.Equal((0, 0, 0, 0, 0), await TestRuns.CountAsync(b));
    }
}
