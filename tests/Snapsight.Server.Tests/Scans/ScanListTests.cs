using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>GET /api/v1/scans: the workflow's runs, paged, filtered by state, asset and activity.</summary>
public sealed class ScanListTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_filter_keeps_exactly_the_matching_runs(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var assets = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"), TestAssets.Instance(3, "10.0.0.3"));
        var failed = await StartAsync(tenant, assets[0]);
        const string key = "arn:aws:kms:eu-west-1:111111111111:key/5f0c2d9e-8a41-4b7c-b3e6-91d2c4a7f018";
        await EndAsync(tenant, failed, ScanRunState.Failed, ScanReasons.AccessDeniedToEncryptionKey, key);
        var again = await StartAsync(tenant, assets[0]);
        var second = await StartAsync(tenant, assets[1]);
        var third = await StartAsync(tenant, assets[2]);

        Assert.Equal(Sorted(failed, again, second, third), await IdsAsync(tenant, ""));
        Assert.Equal(Sorted(failed, again), await IdsAsync(tenant, $"assetId={assets[0]}"));
        Assert.Equal(Sorted(again, second, third), await IdsAsync(tenant, "active=true"));
        Assert.Equal(Sorted(failed), await IdsAsync(tenant, "active=false"));
        Assert.Equal(Sorted(failed), await IdsAsync(tenant, "state=failed"));
        Assert.Equal(Sorted(again, second, third), await IdsAsync(tenant, "state=Planned"));
        Assert.Empty(await IdsAsync(tenant, "state=Done"));
        Assert.Equal(Sorted(again), await IdsAsync(tenant, $"assetId={assets[0]}&active=true"));
        var page = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/scans?offset=1&limit=2"))!;
        Assert.Equal(4, (int)page["total"]!);
        Assert.Equal(2, page["items"]!.AsArray().Count);

        var one = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/scans/{failed}"))!;
        Assert.Equal((assets[0].ToString(), "Failed", ScanReasons.AccessDeniedToEncryptionKey, key, false, "i-00000000000000001"),
            ((string)one["assetId"]!, (string)one["state"]!, (string)one["reasonCode"]!, (string)one["reasonDetail"]!, (bool)one["active"]!,
                (string)one["instanceId"]!));
        Assert.Null(JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/scans/{again}"))!["reasonDetail"]);
        Assert.NotNull(one["finishedAt"]);
        Assert.True((bool)JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/scans/{again}"))!["active"]!);
    }

    [Theory]
    [InlineData("state=2", "state")]
    [InlineData("state=exploded", "state")]
    [InlineData("assetId=i-0123", "assetId")]
    [InlineData("active=yes", "active")]
    [InlineData("active=1", "active")]
    [InlineData("offset=many", "")]
    public async Task A_filter_that_cannot_match_is_a_400_naming_it(string query, string field)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.GetAsync($"api/v1/scans?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_filter_value_is_a_400_and_an_unknown_run_a_404()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var longValue = await tenant.Admin.GetAsync($"api/v1/scans?state={new string('x', 5000)}");
        using var unknown = await tenant.Admin.GetAsync($"api/v1/scans/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, longValue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<Guid> StartAsync(TestTenant tenant, Guid assetId)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        return (await scope.ServiceProvider.GetRequiredService<ScanRuns>().StartAsync(assetId, CancellationToken.None))!.Id;
    }

    /// <summary>Ends a run as the workflow's last step does: terminal state, reason and its detail, no longer the asset's active run.</summary>
    private static async Task EndAsync(TestTenant tenant, Guid runId, ScanRunState state, string reason, string detail)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var now = DateTime.UtcNow;
        await scope.ServiceProvider.GetRequiredService<ControlDbContext>().ScanRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.State, state).SetProperty(x => x.ReasonCode, reason).SetProperty(x => x.ReasonDetail, detail)
                .SetProperty(x => x.ActiveAssetId, (Guid?)null).SetProperty(x => x.FinishedAt, now));
    }

    private static async Task<List<Guid>> IdsAsync(TestTenant tenant, string query)
    {
        var page = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/scans?{query}&limit=500"))!;
        return [.. page["items"]!.AsArray().Select(i => Guid.Parse((string)i!["id"]!)).Order()];
    }

    private static List<Guid> Sorted(params Guid[] ids) => [.. ids.Order()];
}
