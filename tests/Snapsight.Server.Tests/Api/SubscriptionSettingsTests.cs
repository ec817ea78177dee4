using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Api;

/// <summary>PATCH /api/v1/subscription: the name and the scan interval, within bounds; never the licence.</summary>
public sealed class SubscriptionSettingsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_scan_interval_changes_within_a_day_and_a_week_and_the_change_is_audited(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));

        using var week = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription", new { scanIntervalHours = 168 });
        using var tooOften = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription", new { scanIntervalHours = 23 });
        using var tooRarely = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription", new { scanIntervalHours = 169 });
        using var day = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription", new { scanIntervalHours = 24 });

        Assert.Equal(HttpStatusCode.OK, week.StatusCode);
        Assert.Equal(168, (int)JsonNode.Parse(await week.Content.ReadAsStringAsync())!["scanIntervalHours"]!);
        Assert.Equal(HttpStatusCode.BadRequest, tooOften.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooRarely.StatusCode);
        Assert.Contains("24 to 168 hours", await tooOften.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        Assert.Equal(24, (int)JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/subscription"))!["scanIntervalHours"]!);
        var changes = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/audit?action=subscription.change"))!["items"]!
            .AsArray().Select(e => (string)e!["detail"]!).ToList();
        Assert.Equal(["scanIntervalHours: 168 → 24", "scanIntervalHours: 24 → 168"], changes);
    }

    [Fact]
    public void The_bounds_are_the_templates_own()
    {
        // The subscription setting and the rendered templates must never disagree on what a valid interval is.
        Assert.Equal((24, 168), (TemplateRequest.MinScanIntervalHours, TemplateRequest.MaxScanIntervalHours));
        Assert.Equal(TemplateRequest.MinScanIntervalHours, SubscriptionDefaults.ScanIntervalHours);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_licence_is_not_settable_and_the_400_says_so(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));

        using var response = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription",
            new { scanIntervalHours = 48, licensedIpAddresses = 100000 });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var subscription = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/subscription"))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("licensedIpAddresses", (string)problem["field"]!);
        Assert.Contains("licence", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(SubscriptionDefaults.LicensedIpAddresses, (int)subscription["licensedIpAddresses"]!);
        Assert.Equal(24, (int)subscription["scanIntervalHours"]!);
    }

    [Theory]
    [InlineData("{\"name\": \"\"}")]
    [InlineData("{\"name\": \"   \"}")]
    [InlineData("{\"name\": \"bad\\u0007name\"}")]
    [InlineData("{\"scanIntervalHours\": \"daily\"}")]
    [InlineData("{\"scanIntervalHours\": 24.5}")]
    [InlineData("{\"scanIntervalHours\": 1e400}")]
    [InlineData("{\"scanIntervalHours\": -2147483648}")]
    [InlineData("not json")]
    public async Task Hostile_settings_are_a_400(string body)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.PatchAsync("api/v1/subscription",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_name_another_subscription_has_is_a_409_and_operators_cannot_change_settings()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        var tenant = await TestTenant.CreateAsync(server);
        var other = await TestTenant.CreateAsync(server);
        var otherName = (string)JsonNode.Parse(await other.Admin.GetStringAsync("api/v1/subscription"))!["name"]!;
        using var @operator = await tenant.UserAsync(UserRole.Operator);

        using var clash = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription", new { name = otherName });
        using var asOperator = await @operator.PatchAsJsonAsync("api/v1/subscription", new { name = "renamed by operator" });
        using var renamed = await tenant.Admin.PatchAsJsonAsync("api/v1/subscription", new { name = "  renamed " + Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.StartsWith("renamed ", (string)JsonNode.Parse(await renamed.Content.ReadAsStringAsync())!["name"]!, StringComparison.Ordinal);
    }
}
