using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Assets;

/// <summary>The licence caps distinct activated IP addresses, exactly, even under parallel requests.</summary>
public sealed class LicenceTests
{
    private const int Parallel = 50;

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Fifty_parallel_activations_of_different_addresses_activate_exactly_the_limit(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        // Any limit, including none and more than there are assets.
        await Gen.Int[0, Parallel + 2].SampleAsync(async limit =>
        {
            var tenant = await TestTenant.CreateAsync(server);
            await TestAssets.LicenseAsync(tenant, limit);
            var ids = await TestAssets.SeedAsync(tenant,
                Enumerable.Range(0, Parallel).Select(i => TestAssets.Instance(i, $"10.1.{i / 200}.{(i % 200) + 1}")).ToArray());

            // Separate requests, each with its own scope and database context, all started before any is awaited.
            var answers = await Task.WhenAll(ids.Select(id => tenant.Admin.PostAsync($"api/v1/assets/{id}/activate", null)));

            var expected = Math.Min(limit, Parallel);
            Assert.Equal(expected, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.Equal(Parallel - expected, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            Assert.Equal(expected, (await TestAssets.ActivatedAsync(tenant)).Count);
            var licence = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/licence"))!;
            Assert.Equal(expected, (int)licence["used"]!);
            Assert.Equal(limit - expected, (int)licence["available"]!);
        }, iter: 4, threads: 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Assets_sharing_an_address_count_once(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        await TestAssets.LicenseAsync(tenant, 1);
        var ids = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.5", "eu-west-1"), TestAssets.Instance(2, "10.0.0.5", "us-east-1"),
            TestAssets.Instance(3, "10.0.0.6"));

        using var first = await tenant.Admin.PostAsync($"api/v1/assets/{ids[0]}/activate", null);
        using var sameAddress = await tenant.Admin.PostAsync($"api/v1/assets/{ids[1]}/activate", null);
        using var another = await tenant.Admin.PostAsync($"api/v1/assets/{ids[2]}/activate", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);
        var licence = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/licence"))!;
        Assert.Equal(1, (int)licence["used"]!);
        Assert.Equal(0, (int)licence["available"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Exhaustion_names_the_limit_and_usage_and_the_asset_says_why_it_is_not_activated(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        await TestAssets.LicenseAsync(tenant, 2);
        var ids = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"), TestAssets.Instance(3, "10.0.0.3"));
        foreach (var id in ids.Take(2))
        {
            (await tenant.Admin.PostAsync($"api/v1/assets/{id}/activate", null)).EnsureSuccessStatusCode();
        }

        using var refused = await tenant.Admin.PostAsync($"api/v1/assets/{ids[2]}/activate", null);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var asset = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{ids[2]}"))!;

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (int)problem["limit"]!);
        Assert.Equal(2, (int)problem["used"]!);
        Assert.Equal("licence_exhausted", (string)problem["reason"]!);
        Assert.Contains("allows 2 distinct IP addresses and 2 are in use", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("10.0.0.3", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal("NotActivated", (string)asset["activation"]!);
        Assert.Equal("licence_exhausted", (string)asset["activationReason"]!);
        var notActivated = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/assets?activation=notactivated"))!;
        Assert.Equal([ids[2].ToString()], notActivated["items"]!.AsArray().Select(a => (string)a!["id"]!));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Bulk_activation_answers_per_asset_and_deactivation_frees_the_address(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        await TestAssets.LicenseAsync(tenant, 2);
        var ids = await TestAssets.SeedAsync(tenant,
            TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.1"), TestAssets.Instance(3, "10.0.0.2"),
            TestAssets.Instance(4, "10.0.0.3"), TestAssets.Instance(5, null));
        var unknown = Guid.NewGuid();

        using var bulk = await tenant.Admin.PostAsJsonAsync("api/v1/assets/activate", new { ids = ids.Append(unknown).Append(ids[0]) });
        var answer = JsonNode.Parse(await bulk.Content.ReadAsStringAsync())!;
        var outcomes = answer["results"]!.AsArray().Select(r => ((string)r!["id"]!, (string)r["outcome"]!, (string?)r["reason"])).ToList();

        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(
            [
                (ids[0].ToString(), "Activated", null), (ids[1].ToString(), "Activated", null),
                (ids[2].ToString(), "Activated", null), (ids[3].ToString(), "Refused", "licence_exhausted"),
                (ids[4].ToString(), "Refused", "no_ip_address"), (unknown.ToString(), "NotFound", null),
            ],
            outcomes);
        Assert.Equal(2, (int)answer["licence"]!["used"]!);

        using var deactivate = await tenant.Admin.PostAsync($"api/v1/assets/{ids[2]}/deactivate", null);
        using var retry = await tenant.Admin.PostAsync($"api/v1/assets/{ids[3]}/activate", null);

        Assert.Equal("Deactivated", (string)JsonNode.Parse(await deactivate.Content.ReadAsStringAsync())!["activation"]!);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["10.0.0.1", "10.0.0.3"],
            (await TestAssets.ActivatedAsync(tenant)).Select(a => a.LicensedIpAddress).Distinct().Order());

        // Every change is audited under the user who made it: four activations, two refusals, one deactivation.
        var audit = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/audit?limit=100"))!["items"]!.AsArray()
            .Where(e => ((string)e!["action"]!).StartsWith("asset.", StringComparison.Ordinal)).ToList();
        Assert.All(audit, e => Assert.Equal(tenant.AdminName, (string)e!["actor"]!));
        Assert.Equal([("asset.activate", "failed", 2), ("asset.activate", "succeeded", 4), ("asset.deactivate", "succeeded", 1)],
            audit.GroupBy(e => ((string)e!["action"]!, (string)e["outcome"]!)).Select(g => (g.Key.Item1, g.Key.Item2, g.Count())).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_activated_asset_that_moves_to_a_new_address_past_the_cap_is_no_longer_activated(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        await TestAssets.LicenseAsync(tenant, 1);
        var ids = await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.1"));
        using var bulk = await tenant.Admin.PostAsJsonAsync("api/v1/assets/activate", new { ids });

        await TestAssets.SeedAsync(tenant, TestAssets.Instance(2, "10.0.0.2"));

        var moved = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{ids[1]}"))!;
        Assert.Equal("NotActivated", (string)moved["activation"]!);
        Assert.Equal("licence_exhausted", (string)moved["activationReason"]!);
        Assert.Equal([ids[0]], (await TestAssets.ActivatedAsync(tenant)).Select(a => a.Id));
    }

    [Fact]
    public async Task Readers_see_the_licence_but_cannot_activate()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var ids = await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1"));
        using var reader = await tenant.UserAsync(Control.Tenancy.UserRole.Reader);
        using var @operator = await tenant.UserAsync(Control.Tenancy.UserRole.Operator);

        using var licence = await reader.GetAsync("api/v1/licence");
        using var asReader = await reader.PostAsync($"api/v1/assets/{ids[0]}/activate", null);
        using var asOperator = await @operator.PostAsync($"api/v1/assets/{ids[0]}/activate", null);

        Assert.Equal(HttpStatusCode.OK, licence.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asOperator.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"ids\": []}")]
    [InlineData("{\"ids\": null}")]
    [InlineData("{\"ids\": [\"not-a-guid\"]}")]
    [InlineData("{\"ids\": 5}")]
    [InlineData("[]")]
    public async Task A_bulk_body_without_usable_ids_is_a_400(string body)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.PostAsync("api/v1/assets/activate",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
