using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Tests.Support;

/// <summary>A subscription of its own with a signed-in admin, on a running server.</summary>
public sealed class TestTenant
{
    public const string Password = "a long test password";

    private TestTenant(RunningServer server, Guid subscriptionId, string adminName, HttpClient admin)
    {
        Server = server;
        SubscriptionId = subscriptionId;
        AdminName = adminName;
        Admin = admin;
    }

    public RunningServer Server { get; }

    public Guid SubscriptionId { get; }

    public string AdminName { get; }

    /// <summary>An HTTP client carrying the admin's access token.</summary>
    public HttpClient Admin { get; }

    public static async Task<TestTenant> CreateAsync(RunningServer server)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var adminName = "admin-" + suffix;
        await using var scope = server.Services.CreateAsyncScope();
        var (subscription, _) = await scope.ServiceProvider.GetRequiredService<SubscriptionSetup>()
            .CreateAsync("subscription-" + suffix, adminName, Password, CancellationToken.None);
        var admin = server.Client();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(server, adminName, Password));
        return new TestTenant(server, subscription.Id, adminName, admin);
    }

    /// <summary>The documented sign-in: a form post to /auth, the token as the plain-text answer.</summary>
    public static async Task<string> SignInAsync(RunningServer server, string username, string password)
    {
        using var client = server.Client();
        using var response = await client.PostAsync("auth", SignInForm(username, password));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static FormUrlEncodedContent SignInForm(string username, string password) =>
        new([new("username", username), new("password", password), new("token", "true")]);

    /// <summary>An HTTP client for a new user of this subscription with the given role.</summary>
    public async Task<HttpClient> UserAsync(UserRole role)
    {
        var name = await UserNameAsync(role);
        var client = Server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(Server, name, Password));
        return client;
    }

    /// <summary>Adds a user of this subscription with the given role and <see cref="Password"/>; answers the name.</summary>
    public async Task<string> UserNameAsync(UserRole role)
    {
        var name = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}";
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().AddAsync(SubscriptionId, name, Password, role, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ControlDbContext>().SaveChangesAsync();
        return name;
    }

    /// <summary>Every audit entry of this subscription, read past the tenant filter (the test has no signed-in tenant).</summary>
    public async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ControlDbContext>().AuditEntries.IgnoreQueryFilters()
            .Where(e => e.SubscriptionId == SubscriptionId).ToListAsync();
    }
}
