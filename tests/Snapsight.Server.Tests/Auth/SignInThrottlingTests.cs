using System.Net;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Auth;

/// <summary>The throttle seen from outside: over HTTP, on a server with small limits.</summary>
public sealed class SignInThrottlingTests
{
    private static readonly SignInLimits Small = new() { AccountFailures = 3, ClientFailures = 50, AccountFailuresFromAnywhere = 50 };

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task After_repeated_failures_even_the_right_password_waits_and_an_unknown_name_looks_the_same(DatabaseProvider database)
    {
        await using var server = await RunningServer.StartAsync(database, configure: s => s with { SignInLimits = Small });
        var tenant = await TestTenant.CreateAsync(server);
        var unknown = "nobody-" + Guid.NewGuid();
        using var client = server.Client();

        var known = new List<HttpStatusCode>();
        var made = new List<HttpStatusCode>();
        for (var i = 0; i < Small.AccountFailures; i++)
        {
            known.Add(await PostAsync(client, tenant.AdminName, "wrong password " + i));
            made.Add(await PostAsync(client, unknown, "wrong password " + i));
        }

        using var locked = await client.PostAsync("auth", TestTenant.SignInForm(tenant.AdminName, TestTenant.Password));
        using var lockedUnknown = await client.PostAsync("auth", TestTenant.SignInForm(unknown, TestTenant.Password));

        Assert.All(known.Concat(made), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedUnknown.StatusCode);
        Assert.InRange(int.Parse(locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString("0")), 1, (int)Small.AccountLock.TotalSeconds);
    }

    [Fact]
    public async Task Other_accounts_sign_in_while_one_is_locked()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, configure: s => s with { SignInLimits = Small });
        var victim = await TestTenant.CreateAsync(server);
        var other = await TestTenant.CreateAsync(server);
        using var client = server.Client();
        for (var i = 0; i <= Small.AccountFailures; i++)
        {
            await PostAsync(client, victim.AdminName, "wrong password");
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, other.AdminName, TestTenant.Password));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string username, string password)
    {
        using var response = await client.PostAsync("auth", TestTenant.SignInForm(username, password));
        return response.StatusCode;
    }
}
