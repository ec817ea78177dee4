using System.Net;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;
using Snapsight.Server.Tests.Support;
using Snapsight.Server.Tests.Tenancy;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The console's pages as tenant A's admin, with tenant B holding some of everything: no page shows a
/// value only B's rows hold, B's assets and tokens are not found exactly like ids that do not exist,
/// and B's rows stay as they were. The same seed and row reader as the API's isolation test.
/// </summary>
public sealed class ConsoleIsolationTests
{
    private static readonly string[] ListPages =
        ["console", "console/assets", "console/findings", "console/findings?group=cve", "console/findings?group=package", "console/tokens",
         "console/scans?show=all", "console/audit", "console/accounts", "console/users", "console/connectors", "console/connectors/new",
         "console/templates", "console/service-account", "console/target-accounts/new"];

    [Fact]
    public async Task A_console_user_sees_and_changes_nothing_of_another_subscription()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        var a = await TestTenant.CreateAsync(server);
        var b = await TestTenant.CreateAsync(server);
        await IsolationSeed.GiveEverythingAsync(a, b);
        var bRows = await TenantRows.ReadAsync(server, b.SubscriptionId);
        var aRows = await TenantRows.ReadAsync(server, a.SubscriptionId);
        var bOnly = bRows.ValuesNotIn(aRows);
        using var console = await ConsoleClient.SignInAsync(server, a.AdminName, TestTenant.Password);
        var failures = new List<string>();
        // A's own connector and target account pages: what they show of B (its accounts, assets) must be nothing.
        var aPages = aRows.Of(typeof(Connector)).Select(r => $"console/connectors/{r.Key}?delete=true")
            .Concat(aRows.Of(typeof(TargetAccount)).Select(r => $"console/target-accounts/{r.Key}?remove=true"));

        foreach (var page in ListPages.Concat(aPages))
        {
            using var answer = await console.GetAsync(page);
            var text = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{page}: {(int)answer.StatusCode}");
            }

            failures.AddRange(bOnly.Where(v => text.Contains(v, StringComparison.Ordinal)).Select(v => $"{page} shows B's {v}"));
        }

        foreach (var asset in bRows.Of(typeof(Asset)).Select(r => r.Key))
        {
            foreach (var page in new[] { $"console/assets/{asset}", $"console/assets/{asset}?tab=runs", $"console/assets/{asset}?handler=sbom" })
            {
                using var answer = await console.GetAsync(page);
                if (answer.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{page}: {(int)answer.StatusCode}, not 404");
                }
            }
        }

        foreach (var token in bRows.Of(typeof(SubscriptionToken)).Select(r => r.Key))
        {
            using var answer = await console.PostFormAsync("console/tokens", $"console/tokens?handler=revoke&id={token}", []);
            if (answer.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"revoke B's token {token}: {(int)answer.StatusCode}, not 404");
            }
        }

        foreach (var user in bRows.Of(typeof(User)).Select(r => r.Key))
        {
            foreach (var handler in new[] { "disable", "enable", "remove" })
            {
                using var answer = await console.PostFormAsync("console/users", $"console/users?handler={handler}&id={user}", []);
                if (answer.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{handler} B's user {user}: {(int)answer.StatusCode}, not 404");
                }
            }
        }

        foreach (var connector in bRows.Of(typeof(Connector)).Select(r => r.Key))
        {
            await ExpectNotFoundAsync(console.GetAsync($"console/connectors/{connector}"), $"B's connector {connector}", failures);
            await ExpectNotFoundAsync(console.PostFormAsync("console/connectors/new", $"console/connectors/{connector}?handler=change", new()
            {
                ["Name"] = "changed-by-a", ["Applications"] = "VulnerabilityScanning", ["PollingFrequencyHours"] = "6",
                ["RoleArn"] = "arn:aws:iam::999999999999:role/a", ["Regions"] = "eu-west-1",
            }), $"change B's connector {connector}", failures);
            await ExpectNotFoundAsync(console.PostFormAsync("console/connectors/new", $"console/connectors/{connector}?handler=delete", []),
                $"delete B's connector {connector}", failures);
        }

        foreach (var target in bRows.Of(typeof(TargetAccount)).Select(r => r.Key))
        {
            await ExpectNotFoundAsync(console.GetAsync($"console/target-accounts/{target}"), $"B's target account {target}", failures);
            await ExpectNotFoundAsync(console.PostFormAsync("console/connectors/new", $"console/target-accounts/{target}?handler=remove", []),
                $"remove B's target account {target}", failures);
        }

        foreach (var user in bRows.Of(typeof(User)).Select(r => r.Key))
        {
            await ExpectNotFoundAsync(console.PostFormAsync("console/users", $"console/users?handler=role&id={user}", new() { ["Role"] = "Admin" }),
                $"change the role of B's user {user}", failures);
        }

        Assert.True(bRows.Of(typeof(Connector)).Count > 0 && bRows.Of(typeof(TargetAccount)).Count > 0, "B has no connector or target account to aim at");
        failures.AddRange((await TenantRows.ReadAsync(server, b.SubscriptionId)).ChangesSince(bRows));
        Assert.True(bRows.Of(typeof(StoredFinding)).Count > 0, "B has no findings to leak");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task ExpectNotFoundAsync(Task<HttpResponseMessage> request, string what, List<string> failures)
    {
        using var answer = await request;
        if (answer.StatusCode != HttpStatusCode.NotFound)
        {
            failures.Add($"{what}: {(int)answer.StatusCode}, not 404");
        }
    }

    [Fact]
    public async Task Signed_out_pages_lead_to_sign_in_and_a_reader_cannot_reach_the_tokens()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        foreach (var page in ListPages)
        {
            using var answer = await anonymous.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("/console/sign-in?returnUrl=", answer.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var tenant = await TestTenant.CreateAsync(server);
        var reader = await tenant.UserNameAsync(Snapsight.Control.Tenancy.UserRole.Reader);
        using var console = await ConsoleClient.SignInAsync(server, reader, TestTenant.Password);
        using (var dashboard = await console.GetAsync("console"))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }

        using var tokens = await console.GetAsync("console/tokens");
        Assert.Equal(HttpStatusCode.Forbidden, tokens.StatusCode);
        Assert.Contains(await tenant.AuditEntriesAsync(), e => e.Action == "access.denied" && e.Actor == reader
            && e.Target == "GET /console/tokens" && !e.Succeeded);

        // The API takes bearer credentials only: the console's cookie, even sent on purpose, is no way in.
        using var api = new HttpRequestMessage(HttpMethod.Get, "api/v1/assets");
        api.Headers.Add("Cookie", console.SessionCookie);
        using var refused = await anonymous.SendAsync(api);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
