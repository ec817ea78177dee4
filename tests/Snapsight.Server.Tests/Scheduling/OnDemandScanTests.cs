using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Assets;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;
using static Snapsight.Server.Tests.Scheduling.ScheduleSteps;

namespace Snapsight.Server.Tests.Scheduling;

/// <summary><c>POST /api/v1/assets/{id}/scan</c>: a scanned asset becomes due again at once; one that cannot be scanned is refused.</summary>
[Collection(FakeClockServers.Collection)]
public sealed class OnDemandScanTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_scanned_asset_is_due_again_at_once_and_the_request_is_audited(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var number = Random.Shared.Next(1, int.MaxValue / 2);
        var ids = await ActiveAsync(tenant, TestAssets.Instance(number, "10.1.0.1"), TestAssets.Instance(number + 1, "10.1.0.2"));
        await MarkScannedAsync(tenant, ids[0], clock.GetUtcNow());
        await MarkScannedAsync(tenant, ids[1], clock.GetUtcNow());
        Assert.Empty(await DueAsync(tenant));

        clock.Advance(TimeSpan.FromMinutes(5));
        using var answer = await tenant.Admin.PostAsync($"api/v1/assets/{ids[1]}/scan", null);

        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.Accepted, text);
        Assert.Equal(ids[1], Guid.Parse((string)JsonNode.Parse(text)!["id"]!));
        Assert.Equal([ids[1]], await DueAsync(tenant));
        Assert.Equal(1, await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().AuditEntries
            .CountAsync(e => e.Action == AuditActions.ScanRequest && e.Succeeded)));

        // The scan that answers the request makes it not due again.
        clock.Advance(TimeSpan.FromMinutes(1));
        await MarkScannedAsync(tenant, ids[1], clock.GetUtcNow());
        Assert.Empty(await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Assets_that_are_not_activated_or_not_running_are_refused_and_unknown_ones_are_404(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var number = Random.Shared.Next(1, int.MaxValue / 2);
        var stopped = await ActiveAsync(tenant, TestAssets.Instance(number, "10.2.0.1", state: AssetState.Stopped));
        var inactive = await TestAssets.SeedAsync(tenant, TestAssets.Instance(number + 1, "10.2.0.2"));

        foreach (var id in stopped.Concat(inactive))
        {
            using var refused = await tenant.Admin.PostAsync($"api/v1/assets/{id}/scan", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        using var unknown = await tenant.Admin.PostAsync($"api/v1/assets/{Guid.NewGuid()}/scan", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await DueAsync(tenant));
    }
}
