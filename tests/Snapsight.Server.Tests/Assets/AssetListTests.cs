using System.Net;
using System.Text.Json.Nodes;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Assets;

/// <summary>GET /api/v1/assets: paged, and filtered by account, region, state, activation and tag.</summary>
public sealed class AssetListTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_filter_keeps_exactly_the_matching_assets(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var production = new Dictionary<string, string> { ["env"] = "production", ["team"] = "payments" };
        var staging = new Dictionary<string, string> { ["env"] = "staging" };
        var ids = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1", "eu-west-1", production),
            TestAssets.Instance(2, "10.0.0.2", "us-east-1", staging, AssetState.Stopped),
            TestAssets.Instance(3, "10.0.0.3", "us-east-1", production) with { CloudAccountId = "210987654321" });
        (await tenant.Admin.PostAsync($"api/v1/assets/{ids[1]}/activate", null)).EnsureSuccessStatusCode();

        Assert.Equal(Sorted(ids[0], ids[2]), await IdsAsync(tenant, "tag=env=production"));
        Assert.Equal(Sorted(ids[0], ids[2]), await IdsAsync(tenant, "tag=team"));
        Assert.Empty(await IdsAsync(tenant, "tag=env=prod"));
        Assert.Equal(Sorted(ids[1], ids[2]), await IdsAsync(tenant, "region=us-east-1"));
        Assert.Equal(Sorted(ids[2]), await IdsAsync(tenant, "account=210987654321"));
        Assert.Equal(Sorted(ids[1]), await IdsAsync(tenant, "state=stopped"));
        Assert.Equal(Sorted(ids[1]), await IdsAsync(tenant, "activation=Activated"));
        Assert.Equal(Sorted(ids[2]), await IdsAsync(tenant, "region=us-east-1&tag=env%3Dproduction"));
        var page = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/assets?offset=1&limit=1"))!;
        Assert.Equal(3, (int)page["total"]!);
        Assert.Single(page["items"]!.AsArray());
        var first = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{ids[0]}"))!;
        Assert.Equal("production", (string)first["tags"]!["env"]!);
        Assert.Equal("10.0.0.1", (string)first["licensedIpAddress"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Rediscovery_updates_the_same_asset_in_place(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var first = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1", tags: new Dictionary<string, string> { ["env"] = "staging", ["old"] = "x" }));

        var again = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.9", tags: new Dictionary<string, string> { ["env"] = "production", ["new"] = "y" },
                state: AssetState.Stopped));

        Assert.Equal(first, again);
        var asset = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{first[0]}"))!;
        Assert.Equal("{\"env\":\"production\",\"new\":\"y\"}", asset["tags"]!.ToJsonString());
        Assert.Equal("10.0.0.9", (string)asset["privateIpAddress"]!);
        Assert.Equal("Stopped", (string)asset["state"]!);
        Assert.Equal(1, (int)JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/assets"))!["total"]!);
    }

    [Theory]
    [InlineData("account=12345", "account")]
    [InlineData("account=12345678901a", "account")]
    [InlineData("state=2", "state")]
    [InlineData("state=exploded", "state")]
    [InlineData("activation=1", "activation")]
    [InlineData("tag==value", "tag")]
    [InlineData("offset=many", "")]
    public async Task A_filter_that_cannot_match_is_a_400_naming_it(string query, string field)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.GetAsync($"api/v1/assets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_filter_value_is_a_400_and_an_unknown_asset_a_404()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var longTag = await tenant.Admin.GetAsync($"api/v1/assets?tag={new string('k', 5000)}");
        using var unknown = await tenant.Admin.GetAsync($"api/v1/assets/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, longTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static List<Guid> Sorted(params Guid[] ids) => ids.Order().ToList();

    private static async Task<List<Guid>> IdsAsync(TestTenant tenant, string query) =>
        JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets?{query}"))!["items"]!.AsArray()
            .Select(a => Guid.Parse((string)a!["id"]!)).Order().ToList();
}
