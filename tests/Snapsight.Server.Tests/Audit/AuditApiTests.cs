using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;
using Snapsight.Server.Tests.Tokens;

namespace Snapsight.Server.Tests.Audit;

/// <summary>GET /api/v1/audit: newest first, filtered, for admins, and never holding a secret; refusals by policy audited.</summary>
public sealed class AuditApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Entries_come_newest_first_and_filter_by_action_actor_and_time(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var before = DateTimeOffset.UtcNow;
        var first = await SubscriptionTokenTests.IssueAsync(tenant, 600);
        var second = await SubscriptionTokenTests.IssueAsync(tenant, 600);
        using var revoke = await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{first.Id}");

        var all = await ItemsAsync(tenant, "api/v1/audit");
        var issues = await ItemsAsync(tenant, "api/v1/audit?action=token.issue");
        var byAdmin = await ItemsAsync(tenant, $"api/v1/audit?actor={tenant.AdminName}");
        var since = await ItemsAsync(tenant, $"api/v1/audit?from={Uri.EscapeDataString(before.ToString("O"))}");
        var untilBefore = await ItemsAsync(tenant, $"api/v1/audit?to={Uri.EscapeDataString(before.ToString("O"))}");

        Assert.Equal(["token.revoke", "token.issue", "token.issue", "auth.sign-in", "subscription.create"], all.Select(e => (string)e["action"]!));
        Assert.Equal([second.Id, first.Id], issues.Select(e => (string)e["target"]!));
        Assert.All(issues, e => Assert.Equal("succeeded", (string)e["outcome"]!));
        Assert.All(issues, e => Assert.Equal("127.0.0.1", (string)e["client"]!));
        Assert.Equal(["token.revoke", "token.issue", "token.issue", "auth.sign-in"], byAdmin.Select(e => (string)e["action"]!));
        Assert.Equal(3, since.Count);
        Assert.Equal(["auth.sign-in", "subscription.create"], untilBefore.Select(e => (string)e["action"]!));
        var times = all.Select(e => DateTime.Parse((string)e["at"]!, null, System.Globalization.DateTimeStyles.RoundtripKind)).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-13-45")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("limit=many")]
    public async Task Unusable_filters_are_a_400(string query)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.GetAsync($"api/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task No_password_or_token_value_ever_appears_in_the_audit(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        const string newPassword = "a distinctive secret passphrase";
        var name = "user-" + Guid.NewGuid().ToString("N")[..8];
        (await tenant.Admin.PostAsJsonAsync("api/v1/users", new { username = name, password = newPassword, role = "operator" }))
            .EnsureSuccessStatusCode();
        // A failed sign-in with a password typed into the name field, as people do, and a wrong one.
        using var anonymous = tenant.Server.Client();
        using var mistyped = await anonymous.PostAsync("auth", TestTenant.SignInForm(name, "a wrong but secret password"));
        var accessToken = await TestTenant.SignInAsync(tenant.Server, name, newPassword);
        var token = await SubscriptionTokenTests.IssueAsync(tenant, 600);
        using var revoke = await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{token.Id}");

        var audit = await tenant.Admin.GetStringAsync("api/v1/audit?limit=500");

        Assert.Contains(name, audit, StringComparison.Ordinal);
        foreach (var secret in new[] { newPassword, TestTenant.Password, "a wrong but secret password", token.Value[4..], accessToken })
        {
            Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        }

        // Nor any recognisable part of a bearer: the JWT's signature or the token's random part.
        Assert.DoesNotContain(accessToken.Split('.')[2], audit, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Value[4..16], audit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_refusal_by_policy_is_audited_as_access_denied(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        using var reader = await tenant.UserAsync(UserRole.Reader);
        var readerName = (string)JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/users?role=reader"))!["items"]![0]!["username"]!;

        using var denied = await reader.PostAsJsonAsync("qas/subscription-token?expiry=secret-looking", new { expiry = 600 });
        using var deniedAudit = await reader.GetAsync("api/v1/audit");
        using var allowed = await reader.GetAsync("api/v1/subscription");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deniedAudit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var entries = await ItemsAsync(tenant, "api/v1/audit?action=access.denied");
        Assert.Equal(["GET /api/v1/audit", "POST /qas/subscription-token"], entries.Select(e => (string)e["target"]!));
        Assert.All(entries, e => Assert.Equal(readerName, (string)e["actor"]!));
        Assert.All(entries, e => Assert.Equal("failed", (string)e["outcome"]!));
        Assert.Equal("policy Admin needs role Admin", (string)entries[0]["detail"]!);
        Assert.Equal("policy Operator needs role Operator or Admin", (string)entries[1]["detail"]!);
        Assert.DoesNotContain("secret-looking", await tenant.Admin.GetStringAsync("api/v1/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_calls_are_not_access_denied_entries_and_only_admins_read_the_audit()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        using var anonymous = tenant.Server.Client();
        using var @operator = await tenant.UserAsync(UserRole.Operator);

        using var nobody = await anonymous.GetAsync("api/v1/audit");
        using var asOperator = await @operator.GetAsync("api/v1/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Single(await ItemsAsync(tenant, "api/v1/audit?action=access.denied"));
    }

    private static async Task<List<JsonNode>> ItemsAsync(TestTenant tenant, string query) =>
        JsonNode.Parse(await tenant.Admin.GetStringAsync(query))!["items"]!.AsArray().Select(e => e!).ToList();
}
