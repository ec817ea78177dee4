using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Tokens;

/// <summary>POST /qas/subscription-token as documented, and the token's life after it.</summary>
public sealed class SubscriptionTokenTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_token_is_shown_once_with_its_expiry_and_listed_later_without_its_value(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));

        using var issued = await tenant.Admin.PostAsJsonAsync("qas/subscription-token", new { expiry = 500000 });
        var answer = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var value = (string)answer["token"]!;

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.StartsWith("sst_", value, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(Base64(value[4..])).Length >= 16, "at least 128 random bits");
        Assert.Equal(500000, (long)answer["expiry"]!);
        var expiresAt = DateTime.Parse((string)answer["expiresAt"]!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.InRange((expiresAt - DateTime.UtcNow).TotalSeconds, 500000 - 60, 500000 + 1);

        var list = await tenant.Admin.GetStringAsync("api/v1/subscription-tokens");
        Assert.Contains((string)answer["id"]!, list, StringComparison.Ordinal);
        Assert.DoesNotContain(value, list, StringComparison.Ordinal);
        Assert.DoesNotContain(value[4..20], list, StringComparison.Ordinal);
        await AssertNeverStoredAsync(tenant, value);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_server_caps_the_expiry_and_says_so(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var cap = (long)new SubscriptionTokenSettings().MaxLifetime.TotalSeconds;

        using var issued = await tenant.Admin.PostAsJsonAsync("qas/subscription-token", new { expiry = 10 * cap });
        var answer = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;

        Assert.Equal(cap, (long)answer["expiry"]!);
        Assert.True((bool)answer["capped"]!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"expiry\": 0}")]
    [InlineData("{\"expiry\": -5}")]
    [InlineData("{\"expiry\": \"soon\"}")]
    [InlineData("{\"expiry\": 1e400}")]
    [InlineData("not json")]
    public async Task A_missing_or_unusable_expiry_is_a_400(string body)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.PostAsync("qas/subscription-token",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_reader_cannot_issue_tokens_and_no_one_can_without_signing_in()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        using var reader = await tenant.UserAsync(UserRole.Reader);
        using var anonymous = tenant.Server.Client();

        using var asReader = await reader.PostAsJsonAsync("qas/subscription-token", new { expiry = 600 });
        using var asNobody = await anonymous.PostAsJsonAsync("qas/subscription-token", new { expiry = 600 });

        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Revoked_and_expired_tokens_are_no_longer_usable_and_the_listing_says_which(DatabaseProvider database)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(database, overrides: s => s.AddSingleton<TimeProvider>(clock));
        var tenant = await TestTenant.CreateAsync(server);
        var revoked = await IssueAsync(tenant, 3600);
        var expiring = await IssueAsync(tenant, 120);
        var kept = await IssueAsync(tenant, 3600);

        using var revoke = await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{revoked.Id}");
        clock.Advance(TimeSpan.FromSeconds(121));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Null(await FindUsableAsync(server, revoked.Value));
        Assert.Null(await FindUsableAsync(server, expiring.Value));
        Assert.NotNull(await FindUsableAsync(server, kept.Value));
        var states = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/subscription-tokens"))!["items"]!.AsArray()
            .ToDictionary(t => (string)t!["id"]!, t => (string)t!["state"]!);
        Assert.Equal("revoked", states[revoked.Id]);
        Assert.Equal("expired", states[expiring.Id]);
        Assert.Equal("active", states[kept.Id]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Issue_and_revoke_are_audited_without_the_value(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var token = await IssueAsync(tenant, 600);
        using var revoke = await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{token.Id}");

        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        var entries = db.AuditEntries.Where(e => e.SubscriptionId == tenant.SubscriptionId && e.Target == token.Id).ToList();

        Assert.Contains(entries, e => e.Action == AuditActions.TokenIssue && e.Actor == tenant.AdminName);
        Assert.Contains(entries, e => e.Action == AuditActions.TokenRevoke && e.Actor == tenant.AdminName);
        await AssertNeverStoredAsync(tenant, token.Value);
    }

    [Fact]
    public async Task Another_subscription_cannot_revoke_a_token()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        var owner = await TestTenant.CreateAsync(server);
        var stranger = await TestTenant.CreateAsync(server);
        var token = await IssueAsync(owner, 600);

        using var revoke = await stranger.Admin.DeleteAsync($"api/v1/subscription-tokens/{token.Id}");

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.NotNull(await FindUsableAsync(server, token.Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_subscription_lists_only_its_own_tokens(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var first = await TestTenant.CreateAsync(server);
        var second = await TestTenant.CreateAsync(server);
        var firstToken = await IssueAsync(first, 600);
        var secondToken = await IssueAsync(second, 600);

        var firstList = await first.Admin.GetStringAsync("api/v1/subscription-tokens");
        var secondList = await second.Admin.GetStringAsync("api/v1/subscription-tokens");

        Assert.Contains(firstToken.Id, firstList, StringComparison.Ordinal);
        Assert.DoesNotContain(secondToken.Id, firstList, StringComparison.Ordinal);
        Assert.Contains(secondToken.Id, secondList, StringComparison.Ordinal);
        Assert.DoesNotContain(firstToken.Id, secondList, StringComparison.Ordinal);
    }

    internal static async Task<(string Id, string Value)> IssueAsync(TestTenant tenant, long expiry)
    {
        using var response = await tenant.Admin.PostAsJsonAsync("qas/subscription-token", new { expiry });
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)answer["id"]!, (string)answer["token"]!);
    }

    private static async Task<SubscriptionToken?> FindUsableAsync(RunningServer server, string value)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionTokenService>().FindUsableAsync(value, CancellationToken.None);
    }

    /// <summary>The value appears in no table: the database file (SQLite) or any text column, audit included.</summary>
    private static async Task AssertNeverStoredAsync(TestTenant tenant, string value)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        Assert.DoesNotContain(db.AuditEntries.Where(e => e.SubscriptionId == tenant.SubscriptionId).ToList(),
            e => $"{e.Actor}{e.Target}{e.Detail}".Contains(value[4..], StringComparison.Ordinal));
        if (tenant.Server.Provider == DatabaseProvider.Sqlite)
        {
            // The database and its write-ahead log, where fresh rows sit until a checkpoint.
            foreach (var file in Directory.GetFiles(tenant.Server.DataDirectory, DatabaseSettings.SqliteFileName + "*"))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value[4..])));
            }
        }
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
