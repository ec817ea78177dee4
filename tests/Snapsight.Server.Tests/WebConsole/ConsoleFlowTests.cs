using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Snapsight.Control.Identity;
using Snapsight.Server.Tests.EndToEnd;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The console's documented flow in Chromium, on the scanned demo fleet: sign in, the dashboard, the
/// assets and their filters, an asset's page and SBOM, the findings filters and grouping, and a
/// subscription token generated and revoked. What the pages show is compared with the fleet's own
/// files and with the REST API's answers; every page is checked by axe and photographed for the docs.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleFlowTests(ConsoleFixture console)
{
    private static readonly string[] CriticalAndHigh = ["Critical", "High"];

    [Fact]
    public async Task Sign_in_then_dashboard_assets_asset_findings_and_tokens()
    {
        var page = await console.NewPageAsync();
        var fleet = DemoFleet.FleetRows();

        // Signed out, any console page leads to the sign-in form; a wrong password is refused in words.
        await page.GotoAsync("/console/assets");
        Assert.Matches(SignInUrl(), page.Url);
        await PageChecks.CheckAndShootAsync(page, "sign-in");
        await SignInAsync(page, "admin", "not the password");
        Assert.Equal("The user name or password is wrong.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        await SignInAsync(page, "admin", console.Demo.Password);
        // Back where the user was going.
        Assert.EndsWith("/console/assets", page.Url, StringComparison.Ordinal);

        // Dashboard: every instance activated and scanned within the day; the severity counts are the API's.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" }));
        Assert.Contains($"{fleet.Count} of {fleet.Count} activated assets scanned in the last 24 hours",
            await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var chart = await page.Locator("section[aria-labelledby=severity] svg[role=img]").GetAttributeAsync("aria-label");
        // The history's last day (today) counts each asset's latest run: the current findings, so the API's totals again.
        var trend = page.Locator("svg#severity-trend[role=img]");
        Assert.StartsWith("Open findings by severity", await trend.Locator("title").First.TextContentAsync(), StringComparison.Ordinal);
        var today = (await page.Locator("#severity-trend-data tbody tr").Last.AllInnerTextsAsync())[0].Split('\t');
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today[0]);
        foreach (var (severity, column) in new[] { ("Critical", 1), ("High", 2), ("Medium", 3), ("Low", 4) })
        {
            var total = (int)(await console.ApiGetAsync($"api/v1/findings?severity={severity}&limit=1"))["total"]!;
            Assert.Contains($"{severity} {total}", chart, StringComparison.Ordinal);
            Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), today[column]);
        }

        await PageChecks.CheckAndShootAsync(page, "dashboard");

        // Assets: all of fleet.tsv, then filtered by account and by OS.
        await page.GetByRole(AriaRole.Link, new() { Name = "Assets" }).ClickAsync();
        Assert.Equal(fleet.Select(f => f[0]).Order(StringComparer.Ordinal), await AssetNamesAsync(page));
        await PageChecks.CheckAndShootAsync(page, "assets");
        var secondAccount = fleet.Select(f => f[1]).Distinct().Last();
        await page.GetByLabel("Account").SelectOptionAsync(secondAccount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        Assert.Equal(fleet.Where(f => f[1] == secondAccount).Select(f => f[0]).Order(StringComparer.Ordinal), await AssetNamesAsync(page));
        await page.GotoAsync("/console/assets?os=almalinux");
        Assert.Equal(["alma-legacy"], await AssetNamesAsync(page));
        await page.GotoAsync("/console/assets?account=12345");
        Assert.Contains("account", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

        // The AlmaLinux asset: its findings are in packages its rpm database holds; its SBOM downloads.
        await page.GotoAsync("/console/assets?os=almalinux");
        await page.GetByRole(AriaRole.Link, new() { Name = "alma-legacy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "alma-legacy" }));
        var rpmNames = DemoFleet.AlmaPackageNames();
        var packagesInFindings = await page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.NotEmpty(packagesInFindings);
        Assert.All(packagesInFindings, p => Assert.Contains(p, rpmNames));
        await PageChecks.CheckAndShootAsync(page, "asset");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CycloneDX JSON" }).ClickAsync());
        var sbom = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!;
        Assert.Equal("CycloneDX", (string)sbom["bomFormat"]!);
        await page.GetByRole(AriaRole.Link, new() { Name = "Packages" }).ClickAsync();
        var listedPackages = await page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(rpmNames.Order(StringComparer.Ordinal), listedPackages.Order(StringComparer.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "Scan history" }).ClickAsync();
        // The oldest run (last, newest first) is the asset's first scan, whatever other tests scanned since.
        await page.GetByRole(AriaRole.Link, new() { Name = "Diff to the scan before" }).Last.ClickAsync();
        Assert.Contains("The asset's first scan", await page.Locator("#diff").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAndShootAsync(page, "asset-history");

        // Findings: filtered by a package, the rows are exactly the API's for the same filter; then grouped by vulnerability.
        var package = packagesInFindings[0];
        await page.GetByRole(AriaRole.Link, new() { Name = "Findings", Exact = true }).First.ClickAsync();
        await page.GetByLabel("Package", new() { Exact = true }).FillAsync(package);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var expected = ConsoleFixture.Items(await console.ApiGetAsync($"api/v1/findings?package={package}&limit=500"));
        var shown = await page.Locator("table tbody tr td:nth-child(1)").AllInnerTextsAsync();
        Assert.Equal(expected.Count, shown.Count);
        Assert.All(await page.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync(), p => Assert.Equal(package, p));
        await PageChecks.CheckAndShootAsync(page, "findings");
        await page.GetByLabel("Show").SelectOptionAsync("cve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var groups = await page.Locator("table tbody tr td:nth-child(1)").AllInnerTextsAsync();
        Assert.Equal(expected.Select(f => (string)f["vulnerabilityId"]!).Distinct().Order(StringComparer.Ordinal),
            groups.Order(StringComparer.Ordinal));
        await page.GotoAsync("/console/findings?severity=Critical&severity=High&kev=false");
        var severities = await page.Locator("table tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.All(severities, s => Assert.Contains(s, CriticalAndHigh));
        await page.GotoAsync("/console/findings?epssMin=2");
        Assert.Contains("epssMin", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

        // Accounts: one connector and one registered target account per account of fleet.tsv, the first the service account.
        var accounts = fleet.Select(f => f[1]).Distinct().ToList();
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        var service = await page.Locator("section", new() { Has = page.Locator("#service") }).InnerTextAsync();
        Assert.Contains(accounts[0], service, StringComparison.Ordinal);
        Assert.Contains("registered", service, StringComparison.Ordinal);
        var targetRows = await page.Locator("section", new() { Has = page.Locator("#targets") }).Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(accounts.Order(StringComparer.Ordinal), targetRows.Select(r => r.Split('\t')[0]).Order(StringComparer.Ordinal));
        Assert.All(targetRows, r => Assert.Equal("registered", r.Split('\t')[1]));
        await PageChecks.CheckAndShootAsync(page, "accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connectors", Exact = true }).ClickAsync();
        Assert.Equal(accounts.Order(StringComparer.Ordinal),
            (await page.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync()).Order(StringComparer.Ordinal));

        // Tokens: generate one (its value once), then revoke it; the API and the audit log agree.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscription tokens" }).ClickAsync();
        await page.GetByLabel("Lifetime").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate token" }).ClickAsync();
        Assert.StartsWith("sst_", await page.GetByLabel("Token value").InputValueAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAndShootAsync(page, "tokens");
        var tokens = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/subscription-tokens"));
        var newest = tokens[0];
        Assert.Equal("active", (string)newest["state"]!);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke token {newest["id"]}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status));
        Assert.Equal(0, await page.GetByLabel("Token value").CountAsync());
        var after = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/subscription-tokens"));
        Assert.Equal("revoked", (string)after.Single(t => (string)t["id"]! == (string)newest["id"]!)["state"]!);
        var audit = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?actor=admin&limit=10"));
        Assert.Equal(["token.revoke", "token.issue"], audit.Take(2).Select(e => (string)e["action"]!));
        Assert.All(audit.Take(2), e => Assert.Equal((string)newest["id"]!, (string)e["target"]!));

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        Assert.Equal(["admin\tadmin\tenabled"], (await page.Locator("table tbody tr").AllInnerTextsAsync()).Select(r => string.Join('\t', r.Split('\t').Take(3))));
        await PageChecks.CheckAndShootAsync(page, "users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByLabel("Action").FillAsync("token.revoke");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        Assert.Contains((string)newest["id"]!, await page.Locator("table tbody").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAndShootAsync(page, "audit");

        // Signing out ends the session.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        Assert.Matches(SignInUrl(), page.Url);
        await page.GotoAsync("/console");
        Assert.Matches(SignInUrl(), page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rescan_shows_live_on_the_scans_page_then_as_a_diff_between_two_runs()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await SignInAsync(page, "admin", console.Demo.Password);
        var alma = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/assets?os=almalinux")).Single();
        var id = (string)alma["id"]!;
        var runsBefore = (int)(await console.ApiGetAsync($"api/v1/assets/{id}/runs?limit=1"))["total"]!;
        using (var request = await console.Api.PostAsync(new Uri($"api/v1/assets/{id}/scan", UriKind.Relative), null))
        {
            Assert.Equal(202, (int)request.StatusCode);
        }

        // The planner starts the run on its next pass; then the scans page shows it and follows it by itself.
        for (var i = 0; i < 60 && ConsoleFixture.Items(await console.ApiGetAsync($"api/v1/scans?assetId={id}&active=true")).Count == 0; i++)
        {
            await Task.Delay(1000);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Scans" }).ClickAsync();
        Assert.Contains((string)alma["instanceId"]!, await page.Locator("#scans").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAndShootAsync(page, "scans");
        var updated = page.Locator("#scans-updated");
        await updated.GetByText("Updated ").WaitForAsync(new() { Timeout = 30_000 });
        await updated.GetByText("All shown scans have finished.").WaitForAsync(new() { Timeout = 300_000 });
        var latest = ConsoleFixture.Items(await console.ApiGetAsync($"api/v1/scans?assetId={id}&limit=1"))[0];
        Assert.Equal("Done", (string)latest["state"]!);

        // The second run's diff to the first, as the API computes it.
        var runs = ConsoleFixture.Items(await console.ApiGetAsync($"api/v1/assets/{id}/runs"));
        Assert.Equal(runsBefore + 1, runs.Count);
        var diff = await console.ApiGetAsync($"api/v1/assets/{id}/runs/{runs[0]["id"]}/diff");
        Assert.Equal((string)runs[1]["id"]!, (string)diff["previousRunId"]!);
        await page.GotoAsync($"/console/assets/{id}?tab=runs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Diff to the scan before" }).First.ClickAsync();
        var shown = await page.Locator("#diff").InnerTextAsync();
        Assert.Contains($"Findings: {diff["new"]!.AsArray().Count} new, {diff["reopened"]!.AsArray().Count} reopened, "
            + $"{diff["fixed"]!.AsArray().Count} fixed, {diff["unchanged"]} unchanged.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("first scan", shown, StringComparison.Ordinal);
        await PageChecks.CheckAndShootAsync(page, "asset-diff");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Narrow_screen_keeps_the_pages_usable_and_the_keyboard_reaches_the_navigation()
    {
        var page = await console.NewPageAsync(390, 844);
        await page.GotoAsync("/console/sign-in");
        await SignInAsync(page, "admin", console.Demo.Password);
        var connector = (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/connectors?limit=1")).Single()["id"]!;
        var target = (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/target-accounts?limit=1")).Single()["id"]!;
        foreach (var path in new[] { "/console", "/console/assets", "/console/findings", "/console/connectors/new", "/console/templates",
                     "/console/service-account", "/console/users", $"/console/connectors/{connector}?delete=true", $"/console/target-accounts/{target}?remove=true" })
        {
            await page.GotoAsync(path);
            // The page itself never scrolls sideways: wide tables scroll inside their own region.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways: "
                + await page.EvaluateAsync<string>("[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(-3).map(e => e.outerHTML.slice(0, 120)).join(' | ')"));
            await PageChecks.AccessibleAsync(page);
        }

        await page.GotoAsync("/console/findings");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "findings-narrow.png") });
        await page.GotoAsync("/console");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        var reached = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        }

        Assert.Contains("Assets", reached);
        Assert.Contains("Findings", reached);
        Assert.Contains("Scans", reached);
        Assert.Contains("Connectors", reached);
        Assert.Contains("Accounts", reached);
        Assert.Contains("Audit log", reached);
        Assert.Contains("Sign out", reached);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Console_sign_in_is_throttled_with_the_api()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        // A name no user has: its failures lock the name as at POST /auth (the server runs with the default limits),
        // and nobody real is locked out.
        for (var i = 0; i < new SignInLimits().AccountFailures; i++)
        {
            await SignInAsync(page, "console-throttle-probe", "wrong password");
            Assert.Equal("The user name or password is wrong.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        }

        var response = await page.RunAndWaitForResponseAsync(() => SignInAsync(page, "console-throttle-probe", "wrong password"),
            r => r.Request.Method == "POST");
        Assert.Equal(429, response.Status);
        Assert.StartsWith("Too many failed sign-ins", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        // The API counts the same name: it is locked there too.
        using var api = new HttpClient { BaseAddress = new Uri(console.BaseUrl) };
        using var answer = await api.PostAsync(new Uri("auth", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "console-throttle-probe", ["password"] = "wrong password", ["token"] = "true",
        }));
        Assert.Equal(429, (int)answer.StatusCode);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("User name").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task<List<string>> AssetNamesAsync(IPage page) =>
        [.. (await page.Locator("table tbody tr td:first-child").AllInnerTextsAsync()).Order(StringComparer.Ordinal)];

    private static Task Expect(ILocator locator) => locator.WaitForAsync();

    [GeneratedRegex("/console/sign-in")]
    private static partial Regex SignInUrl();
}
