using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Snapsight.Cloud.Local;
using Snapsight.Server.Tests.EndToEnd;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// Managing from the console what the API could already manage: a connector changed and deleted, a target account
/// removed, a user's role changed, and the last enabled admin kept. Each action is done in the browser and checked
/// through the REST API (the oracle), and a reader can neither see the actions nor post them. What the tests make is
/// removed again through the API, whatever failed.
/// </summary>
public sealed partial class ConsoleFlowTests
{
    /// <summary>An account of no connector in the demo fleet (nor the wizard's test): the managed connector is for it.</summary>
    private const string ManagedAccount = "777788889999";

    private static readonly string[] ScanningOnly = ["VulnerabilityScanning"];

    [Fact]
    public async Task A_connector_is_changed_and_deleted_and_a_target_account_removed_while_a_reader_can_do_neither()
    {
        const string password = "console-test-password-2";
        var region = DemoFleet.FleetRows()[0][2];
        using var created = await console.Api.PostAsJsonAsync(new Uri("api/v1/connectors", UriKind.Relative), new
        {
            name = "console-managed", roleArn = $"arn:aws:iam::{ManagedAccount}:role/SnapsightManaged", regions = new[] { region },
            applications = ScanningOnly,
        });
        Assert.True(201 == (int)created.StatusCode, await created.Content.ReadAsStringAsync());
        var made = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var connectorId = (string)made["id"]!;
        var externalId = (string)made["externalId"]!;
        try
        {
            var targetId = await RegisterManagedTargetAsync(externalId, region);
            using (var added = await console.Api.PostAsJsonAsync(new Uri("api/v1/users", UriKind.Relative),
                new { username = "console-viewer", password, role = "reader" }))
            {
                Assert.Equal(201, (int)added.StatusCode);
            }

            await ReaderCannotManageAsync(connectorId, targetId, password);

            var page = await console.NewPageAsync();
            await page.GotoAsync("/console/sign-in");
            await SignInAsync(page, "admin", console.Demo.Password);

            // A refused value is named beside its field in words, and nothing is saved.
            await page.GetByRole(AriaRole.Link, new() { Name = "Connectors", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Change or delete console-managed" }).ClickAsync();
            var polling = page.GetByLabel("Polling frequency", new() { Exact = false });
            await polling.FillAsync("30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            AssertContains(await page.Locator("#pollingFrequencyHours-error").InnerTextAsync(), "30 is outside 1 to 24");
            Assert.Equal("true", await polling.GetAttributeAsync("aria-invalid"));
            Assert.Equal((int)made["pollingFrequencyHours"]!, (int)(await console.ApiGetAsync($"api/v1/connectors/{connectorId}"))["pollingFrequencyHours"]!);

            // Changed: the API holds the new values, and the audit log the change.
            await polling.FillAsync("12");
            await page.GetByLabel("Description (optional)").FillAsync("changed from the console");
            await page.GetByLabel("Activate discovered assets for scanning automatically").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            AssertContains(await page.GetByRole(AriaRole.Status).InnerTextAsync(), "Connector console-managed is saved");
            await PageChecks.CheckAndShootAsync(page, "connector");
            var changed = await console.ApiGetAsync($"api/v1/connectors/{connectorId}");
            Assert.Equal(12, (int)changed["pollingFrequencyHours"]!);
            Assert.Equal("changed from the console", (string)changed["description"]!);
            Assert.True((bool)changed["autoActivate"]!);
            Assert.Equal([region], changed["regions"]!.AsArray().Select(r => (string)r!));
            var change = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=connector.change&limit=1")).Single();
            Assert.Equal(connectorId, (string)change["target"]!);
            Assert.Equal("admin", (string)change["actor"]!);
            foreach (var field in new[] { "Description", "PollingFrequencyHours", "AutoActivate" })
            {
                AssertContains((string)change["detail"]!, field);
            }

            // The target account removed from the accounts page, after a confirmation saying what stays.
            await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
            // Its row says how its snapshots are read, as the API does (the local cloud shares them all).
            Assert.Equal("share-to-service-account", (string)(await console.ApiGetAsync($"api/v1/target-accounts/{targetId}"))["snapshotAccess"]!);
            AssertContains(await page.GetByRole(AriaRole.Row).Filter(new() { HasText = ManagedAccount }).InnerTextAsync(), "share-to-service-account");
            await page.GetByRole(AriaRole.Link, new() { Name = $"Remove account {ManagedAccount}" }).ClickAsync();
            var consequences = await page.Locator("#remove-consequences").InnerTextAsync();
            AssertContains(consequences, "stay, with their scan history and findings");
            AssertContains(consequences, "snapsight:product=snapsight");
            await PageChecks.CheckAndShootAsync(page, "target-account-remove");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Yes, remove account {ManagedAccount}" }).ClickAsync();
            AssertContains(await page.GetByRole(AriaRole.Status).InnerTextAsync(), $"Target account {ManagedAccount} is removed");
            await ApiStatusAsync($"api/v1/target-accounts/{targetId}", 404);
            var removal = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=target-account.remove&limit=1")).Single();
            Assert.Equal(ManagedAccount, (string)removal["target"]!);

            // Registered again, then the connector deleted: the confirmation names the account, and it goes with the connector.
            var again = await RegisterManagedTargetAsync(externalId, region);
            await page.GetByRole(AriaRole.Link, new() { Name = "Connectors", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Change or delete console-managed" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Delete this connector…" }).ClickAsync();
            consequences = await page.Locator("#delete-consequences").InnerTextAsync();
            AssertContains(consequences, $"The target account registered on it ({ManagedAccount}) is removed");
            AssertContains(consequences, "snapsight:product=snapsight");
            AssertContains(consequences, "stay, with their scan history and findings");
            await PageChecks.CheckAndShootAsync(page, "connector-delete");
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete connector console-managed" }).ClickAsync();
            AssertContains(await page.GetByRole(AriaRole.Status).InnerTextAsync(), "Connector console-managed is deleted");
            await ApiStatusAsync($"api/v1/connectors/{connectorId}", 404);
            await ApiStatusAsync($"api/v1/target-accounts/{again}", 404);
            Assert.Equal(connectorId, (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=connector.delete&limit=1")).Single()["target"]!);
            var taken = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=target-account.remove&limit=1")).Single();
            Assert.Equal(ManagedAccount, (string)taken["target"]!);
            Assert.Equal($"connector {connectorId} deleted", (string)taken["detail"]!);
            await page.Context.CloseAsync();
        }
        finally
        {
            using (await console.Api.DeleteAsync(new Uri($"api/v1/connectors/{connectorId}", UriKind.Relative)))
            {
                // 204, or 404 once the test deleted it.
            }

            await RemoveTestUsersAsync();
        }
    }

    /// <summary>A reader sees no way to change the connector or remove its account, and the pages and hand-made posts are refused (and audited).</summary>
    private async Task ReaderCannotManageAsync(string connectorId, string targetId, string password)
    {
        var reader = await console.NewPageAsync();
        await reader.GotoAsync("/console/sign-in");
        await SignInAsync(reader, "console-viewer", password);
        await reader.GetByRole(AriaRole.Link, new() { Name = "Connectors", Exact = true }).ClickAsync();
        AssertContains(await reader.Locator("tbody").InnerTextAsync(), "console-managed");
        Assert.Equal(0, await reader.GetByRole(AriaRole.Link, new() { Name = "Change or delete console-managed" }).CountAsync());
        await reader.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        AssertContains(await reader.Locator("tbody").InnerTextAsync(), ManagedAccount);
        Assert.Equal(0, await reader.GetByRole(AriaRole.Link, new() { Name = $"Remove account {ManagedAccount}" }).CountAsync());
        Assert.Equal(403, (await reader.GotoAsync($"/console/connectors/{connectorId}"))!.Status);
        Assert.Equal(403, (await reader.GotoAsync($"/console/target-accounts/{targetId}?remove=true"))!.Status);
        var viewerId = (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")).Single(u => (string)u["username"]! == "console-viewer")["id"]!;
        Assert.Equal(403, await PostAsync(reader, $"/console/connectors/{connectorId}?handler=Change", new()
        {
            ["Name"] = "changed-by-reader", ["Applications"] = "VulnerabilityScanning", ["PollingFrequencyHours"] = "1",
            ["RoleArn"] = $"arn:aws:iam::{ManagedAccount}:role/SnapsightManaged", ["Regions"] = DemoFleet.FleetRows()[0][2],
        }));
        Assert.Equal(403, await PostAsync(reader, $"/console/connectors/{connectorId}?handler=Delete", []));
        Assert.Equal(403, await PostAsync(reader, $"/console/target-accounts/{targetId}?handler=Remove", []));
        Assert.Equal(403, await PostAsync(reader, $"/console/users?handler=Role&id={viewerId}", new() { ["Role"] = "Admin" }));
        await reader.Context.CloseAsync();

        // Nothing changed, as the API says; the audit log holds the refusals.
        Assert.Equal("console-managed", (string)(await console.ApiGetAsync($"api/v1/connectors/{connectorId}"))["name"]!);
        Assert.Equal("registered", (string)(await console.ApiGetAsync($"api/v1/target-accounts/{targetId}"))["state"]!);
        Assert.Equal("Reader", (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")).Single(u => (string)u["id"]! == viewerId)["role"]!);
        var denied = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=access.denied&actor=console-viewer")).Select(e => (string)e["target"]!).ToList();
        Assert.Contains($"POST /console/connectors/{connectorId}", denied);
        Assert.Contains($"POST /console/target-accounts/{targetId}", denied);
    }

    /// <summary>"Deploys the stack" (the local account's role trusts the connector's external ID) and registers the account as CFT-T's call-back does; answers its id.</summary>
    private async Task<string> RegisterManagedTargetAsync(string externalId, string region)
    {
        DeployTargetRole(ManagedAccount, $"arn:aws:iam::{ManagedAccount}:role/SnapsightManaged", externalId, region);
        using var registered = await console.Api.PostAsJsonAsync(new Uri("conn/snapshot/v1.0/register-target-account", UriKind.Relative),
            new { accountId = ManagedAccount });
        var body = await registered.Content.ReadAsStringAsync();
        Assert.True(201 == (int)registered.StatusCode, $"registering {ManagedAccount}: {(int)registered.StatusCode} {body}");
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    private async Task SelfDemotionAsync()
    {
        const string password = "console-test-password-4";
        using (var added = await console.Api.PostAsJsonAsync(new Uri("api/v1/users", UriKind.Relative),
            new { username = "console-second-admin", password, role = "admin" }))
        {
            Assert.Equal(201, (int)added.StatusCode);
        }

        var second = await console.NewPageAsync();
        await second.GotoAsync("/console/sign-in");
        await SignInAsync(second, "console-second-admin", password);
        await second.GotoAsync("/console/users");
        await second.GetByLabel("Your role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "reader" });
        await second.GetByRole(AriaRole.Button, new() { Name = "Change role of console-second-admin" }).ClickAsync();
        Assert.EndsWith("/console", second.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("Users", await second.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(403, (await second.GotoAsync("/console/users"))!.Status);
        await second.Context.CloseAsync();
        Assert.Equal("Reader", (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")).Single(u => (string)u["username"]! == "console-second-admin")["role"]!);
        var change = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=user.change&limit=1")).Single();
        Assert.Equal(("console-second-admin", "console-second-admin", "role Admin → Reader"),
            ((string)change["actor"]!, (string)change["target"]!, (string)change["detail"]!));
    }

    /// <summary>What deploying the target stack does, in the demo's local cloud: the account's role trusts the connector's external ID.</summary>
    private void DeployTargetRole(string account, string roleArn, string externalId, string region) =>
        new LocalAccountFile
        {
            Roles = [new LocalRoleFile { Arn = roleArn, TrustedExternalId = externalId, Permissions = ["ec2:*", "ebs:*"] }],
            EnabledRegions = [region],
        }.Write(new LocalLayout(Path.Combine(console.Demo.DataDirectory, "cloud")), account);

    [Fact]
    public async Task A_users_role_is_changed_and_the_last_enabled_admin_keeps_theirs()
    {
        using (var added = await console.Api.PostAsJsonAsync(new Uri("api/v1/users", UriKind.Relative),
            new { username = "console-promoted", password = "console-test-password-3", role = "reader" }))
        {
            Assert.Equal(201, (int)added.StatusCode);
        }

        var admin = await console.NewPageAsync();
        try
        {
            await admin.GotoAsync("/console/sign-in");
            await SignInAsync(admin, "admin", console.Demo.Password);
            await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
            await admin.GetByLabel("Role of console-promoted", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "operator" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Change role of console-promoted" }).ClickAsync();
            AssertContains(await admin.GetByRole(AriaRole.Status).InnerTextAsync(), "User console-promoted is now operator");
            var users = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users"));
            Assert.Equal("Operator", (string)users.Single(u => (string)u["username"]! == "console-promoted")["role"]!);
            var change = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=user.change&limit=1")).Single();
            Assert.Equal("console-promoted", (string)change["target"]!);
            Assert.Equal("role Reader → Operator", (string)change["detail"]!);

            // The demo's one admin demoting themselves is refused in words, and stays admin.
            await admin.GetByLabel("Your role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "operator" });
            var answer = await admin.RunAndWaitForResponseAsync(
                () => admin.GetByRole(AriaRole.Button, new() { Name = "Change role of admin" }).ClickAsync(), r => r.Request.Method == "POST");
            Assert.Equal(400, answer.Status);
            AssertContains(await admin.GetByRole(AriaRole.Alert).InnerTextAsync(),
                "Not changed: cannot demote 'admin': it is the subscription's last enabled admin");
            await PageChecks.CheckAndShootAsync(admin, "users-role");
            users = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users"));
            Assert.Equal("Admin", (string)users.Single(u => (string)u["username"]! == "admin")["role"]!);
            Assert.Equal("console-promoted", (string)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=user.change&limit=1")).Single()["target"]!);

            // With another admin enabled, an admin may step down: the answer leads to the dashboard, without the admin pages.
            await SelfDemotionAsync();
        }
        finally
        {
            await RemoveTestUsersAsync();
        }

        await admin.Context.CloseAsync();
    }
}
