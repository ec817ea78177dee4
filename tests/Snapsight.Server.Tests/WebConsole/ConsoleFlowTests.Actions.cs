using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Snapsight.Server.Tests.EndToEnd;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The console's actions: the connector wizard (the zero-touch checkbox greyed out with its reason until a service
/// account is registered), the template downloads, the service account deregistered and registered again, a target
/// account added, and users added, disabled and deleted; what a non-admin can neither see nor post. Each change is
/// checked through the REST API, the oracle the pages must agree with. Everything made here is removed at the end, so
/// the other console tests see the demo fleet as it was.
/// </summary>
public sealed partial class ConsoleFlowTests
{
    /// <summary>An account of no connector in the demo fleet: the wizard's connector is for it.</summary>
    private const string NewAccount = "444455556666";

    private const string NewRoleArn = $"arn:aws:iam::{NewAccount}:role/SnapsightConsole";

    /// <summary>The templates refuse plain http call-backs; the test server is plain http, so the form is given this.</summary>
    private const string CallBackEndpoint = "https://snapsight.example.com";

    [Fact]
    public async Task Connector_wizard_greys_zero_touch_until_a_service_account_then_templates_and_a_target_account()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await SignInAsync(page, "admin", console.Demo.Password);
        var fleet = DemoFleet.FleetRows();
        var serviceAccount = (string)(await console.ApiGetAsync("api/v1/service-account"))["accountId"]!;
        var region = fleet[0][2];

        // Deregister the service account, after a confirmation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage the service account (register again, deregister)" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Deregister the service account…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, deregister" }).ClickAsync();
        AssertContains(await page.GetByRole(AriaRole.Status).InnerTextAsync(), "The service account is deregistered");
        await ApiStatusAsync("api/v1/service-account", 404);

        try
        {
            // The wizard, step by step; a refused field is named beside itself in words.
            await page.GetByRole(AriaRole.Link, new() { Name = "Connectors", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "New connector" }).ClickAsync();
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("   ");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            AssertContains(await page.Locator("#name-error").InnerTextAsync(), "is 0 characters long");
            Assert.Equal("true", await page.GetByLabel("Name", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("console-made");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

            await page.GetByLabel("Role ARN").FillAsync("arn:aws:iam::12:role/x");
            await page.GetByLabel("Polling frequency", new() { Exact = false }).FillAsync("30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            AssertContains(await page.Locator("#roleArn-error").InnerTextAsync(), "is not a role ARN");
            AssertContains(await page.Locator("#pollingFrequencyHours-error").InnerTextAsync(), "30 is outside 1 to 24");
            var externalId = await page.Locator("#external-id").InnerTextAsync();
            await page.GetByLabel("Role ARN").FillAsync(NewRoleArn);
            await page.GetByLabel("Polling frequency", new() { Exact = false }).FillAsync("6");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

            await page.GetByLabel(region, new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

            // No service account: the zero-touch checkbox is greyed out, and the reason is its description.
            var zeroTouch = page.GetByLabel("Zero-touch snapshot scanning");
            Assert.True(await zeroTouch.IsDisabledAsync());
            var reason = await page.Locator("#" + await zeroTouch.GetAttributeAsync("aria-describedby")).InnerTextAsync();
            AssertContains(reason, "register a service account first");
            await PageChecks.CheckAndShootAsync(page, "connector-wizard-no-service-account");

            // Register the service account again in another tab, with its validation's progress; then the checkbox is enabled.
            var other = await page.Context.NewPageAsync();
            await other.GotoAsync("/console/service-account");
            Assert.Equal("No service account is registered.", await other.Locator("#service-account-state").InnerTextAsync());
            await other.GetByLabel("AWS account id (12 digits)").FillAsync(serviceAccount);
            await other.GetByRole(AriaRole.Button, new() { Name = "Register service account" }).ClickAsync();
            AssertContains(await other.GetByRole(AriaRole.Status).InnerTextAsync(), $"Service account {serviceAccount} is registered");
            Assert.Equal("Registered", await other.Locator("ol.steps li[aria-current=step]").InnerTextAsync());
            Assert.Equal("registered", (string)(await console.ApiGetAsync("api/v1/service-account"))["state"]!);
            await PageChecks.CheckAndShootAsync(other, "service-account");
            await other.CloseAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            Assert.False(await zeroTouch.IsDisabledAsync());
            await zeroTouch.CheckAsync();
            await page.GetByLabel("Tags put on discovered assets", new() { Exact = false }).FillAsync("team=console");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            var review = await page.Locator("#review").InnerTextAsync();
            foreach (var shown in new[] { "console-made", NewRoleArn, externalId, region, "team=console", "every 6 hours" })
            {
                AssertContains(review, shown);
            }

            await PageChecks.CheckAndShootAsync(page, "connector-wizard");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create connector" }).ClickAsync();
            Assert.Equal(externalId, await page.Locator("#created-external-id").InnerTextAsync());

            // In the list, and through the API with the same account, settings and (masked) external ID.
            await page.GetByRole(AriaRole.Link, new() { Name = "All connectors" }).ClickAsync();
            var row = page.Locator("tbody tr", new() { HasText = "console-made" });
            AssertContains(await row.InnerTextAsync(), NewAccount);
            await PageChecks.CheckAndShootAsync(page, "connectors");
            var connector = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/connectors?name=console-made")).Single();
            Assert.Equal(NewAccount, (string)connector["accountId"]!);
            Assert.True((bool)connector["zeroTouchSnapshot"]!);
            Assert.Equal(6, (int)connector["pollingFrequencyHours"]!);
            Assert.Equal([region], connector["regions"]!.AsArray().Select(r => (string)r!));
            Assert.EndsWith(externalId[^4..], (string)connector["externalId"]!, StringComparison.Ordinal);
            var connectorId = (string)connector["id"]!;
            var audit = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=connector.create&limit=1")).Single();
            Assert.Equal(connectorId, (string)audit["target"]!);

            await TemplatesAndTargetAccountAsync(page, connectorId, externalId, region);
        }
        finally
        {
            await RestoreDemoAccountsAsync(serviceAccount);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>The demo's service account registered, and the wizard's connector (with its target account) gone, whatever failed.</summary>
    private async Task RestoreDemoAccountsAsync(string serviceAccount)
    {
        using (var registered = await console.Api.PostAsJsonAsync(new Uri("conn/snapshot/v1.0/register-service-account", UriKind.Relative),
            new { accountId = serviceAccount }))
        {
            Assert.True((int)registered.StatusCode is 200 or 201 or 304, $"registering the service account again: {(int)registered.StatusCode}");
        }

        foreach (var made in ConsoleFixture.Items(await console.ApiGetAsync("api/v1/connectors?name=console-made")))
        {
            // Deleting the connector removes the target account registered on it too.
            using var deleted = await console.Api.DeleteAsync(new Uri($"api/v1/connectors/{made["id"]}", UriKind.Relative));
            Assert.Equal(204, (int)deleted.StatusCode);
        }
    }

    private async Task TemplatesAndTargetAccountAsync(IPage page, string connectorId, string externalId, string region)
    {
        // The connector's target template: the file names the connector's external ID, and is the API's template.
        await page.GetByRole(AriaRole.Link, new() { Name = "Target template of console-made" }).ClickAsync();
        var target = page.Locator("section", new() { Has = page.Locator("#target") });
        Assert.Equal(connectorId, await target.GetByLabel("Connector").InputValueAsync());
        await target.GetByLabel("API endpoint").FillAsync(CallBackEndpoint);
        var fromPage = await DownloadAsync(page, "Download target account template");
        AssertContains(fromPage.ToJsonString(), externalId);
        using var fromApi = await console.Api.PostAsJsonAsync(new Uri("api/v1/templates/target-account", UriKind.Relative),
            new { connectorId, apiEndpoint = CallBackEndpoint });
        var apiTemplate = JsonNode.Parse(await fromApi.Content.ReadAsStringAsync())!;
        Assert.Equal(Keys(apiTemplate["Resources"]!), Keys(fromPage["Resources"]!));
        Assert.Equal(Keys(apiTemplate["Parameters"]!), Keys(fromPage["Parameters"]!));

        // The service account template; a plain-http call-back is refused in words.
        var service = page.Locator("section", new() { Has = page.Locator("#service") });
        await service.GetByLabel("Regions to scan", new() { Exact = false }).FillAsync(region);
        await service.GetByLabel("API endpoint").FillAsync(console.BaseUrl);
        await service.GetByRole(AriaRole.Button, new() { Name = "Download service account template" }).ClickAsync();
        AssertContains(await page.GetByRole(AriaRole.Alert).InnerTextAsync(), "give the https URL AWS should call back");
        await PageChecks.CheckAndShootAsync(page, "templates");
        service = page.Locator("section", new() { Has = page.Locator("#service") });
        await service.GetByLabel("API endpoint").FillAsync(CallBackEndpoint);
        var serviceTemplate = await DownloadAsync(page, "Download service account template");
        Assert.NotNull(serviceTemplate["AWSTemplateFormatVersion"]);
        Assert.NotEqual(Keys(fromPage["Resources"]!), Keys(serviceTemplate["Resources"]!));

        // Adding the target account before its stack is deployed fails, and the page says why in words.
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a target account" }).ClickAsync();
        await page.GetByLabel("AWS account id (12 digits)").FillAsync(NewAccount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target account" }).ClickAsync();
        var why = await page.Locator("#validation-error").InnerTextAsync();
        AssertContains(why, $"account {NewAccount}: no such account");
        AssertContains(why, "role_cannot_be_assumed");
        Assert.Equal("Failed", await page.Locator("ol.steps li[aria-current=step]").InnerTextAsync());

        // "Deploy the stack": the local account's role now trusts the connector's external ID; adding it succeeds.
        DeployTargetRole(NewAccount, NewRoleArn, externalId, region);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target account" }).ClickAsync();
        AssertContains(await page.GetByRole(AriaRole.Status).InnerTextAsync(), $"Target account {NewAccount} is registered");
        await PageChecks.CheckAndShootAsync(page, "target-account");
        var registered = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/target-accounts?limit=500"))
            .Single(t => (string)t["accountId"]! == NewAccount);
        Assert.Equal("registered", (string)registered["state"]!);
        await page.GetByRole(AriaRole.Link, new() { Name = "All target accounts" }).ClickAsync();
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = $"Target template of account {NewAccount}" }).CountAsync());
    }

    [Fact]
    public async Task Users_are_added_disabled_and_deleted_and_non_admins_can_neither_see_nor_post_admin_actions()
    {
        const string password = "console-test-password-1";
        var admin = await console.NewPageAsync();
        await admin.GotoAsync("/console/sign-in");
        await SignInAsync(admin, "admin", console.Demo.Password);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();

        try
        {
            // A weak password is refused in words; then an operator and a reader are added.
            await AddUserAsync(admin, "console-reader", "short", "reader");
            AssertContains(await admin.GetByRole(AriaRole.Alert).InnerTextAsync(), "a password needs at least");
            await AddUserAsync(admin, "console-reader", password, "reader");
            AssertContains(await admin.GetByRole(AriaRole.Status).InnerTextAsync(), "User console-reader is added as reader");
            await AddUserAsync(admin, "console-operator", password, "operator");
            var users = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users"));
            Assert.Equal("Reader", (string)users.Single(u => (string)u["username"]! == "console-reader")["role"]!);
            Assert.Equal("Operator", (string)users.Single(u => (string)u["username"]! == "console-operator")["role"]!);
            var readerId = (string)users.Single(u => (string)u["username"]! == "console-reader")["id"]!;

            // The reader: no admin or operator links, and the pages and posts behind them are refused (and audited).
            var reader = await console.NewPageAsync();
            await reader.GotoAsync("/console/sign-in");
            await SignInAsync(reader, "console-reader", password);
            var navigation = await reader.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).InnerTextAsync();
            Assert.DoesNotContain("Users", navigation, StringComparison.Ordinal);
            Assert.DoesNotContain("Subscription tokens", navigation, StringComparison.Ordinal);
            await reader.GetByRole(AriaRole.Link, new() { Name = "Connectors", Exact = true }).ClickAsync();
            Assert.Equal(0, await reader.GetByRole(AriaRole.Link, new() { Name = "New connector" }).CountAsync());
            Assert.Equal(0, await reader.GetByRole(AriaRole.Link, new() { Name = "Target template" }).CountAsync());
            await reader.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
            Assert.Equal(0, await reader.GetByRole(AriaRole.Link, new() { Name = "Add a target account" }).CountAsync());
            Assert.Equal(403, (await reader.GotoAsync("/console/connectors/new"))!.Status);
            Assert.Equal(403, await PostAsync(reader, "/console/users?handler=Create",
                new() { ["Username"] = "made-by-reader", ["Password"] = password, ["Role"] = "Admin" }));
            Assert.Equal(403, await PostAsync(reader, "/console/service-account?handler=Deregister", []));
            Assert.DoesNotContain(ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")), u => (string)u["username"]! == "made-by-reader");
            Assert.Equal("registered", (string)(await console.ApiGetAsync("api/v1/service-account"))["state"]!);
            var denied = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?action=access.denied&actor=console-reader"));
            Assert.Contains(denied, e => (string)e["target"]! == "POST /console/users");

            // The operator may open the wizard but not the users page, nor post to it.
            var operatorPage = await console.NewPageAsync();
            await operatorPage.GotoAsync("/console/sign-in");
            await SignInAsync(operatorPage, "console-operator", password);
            Assert.DoesNotContain("Users", await operatorPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).InnerTextAsync(),
                StringComparison.Ordinal);
            Assert.Equal(200, (await operatorPage.GotoAsync("/console/connectors/new"))!.Status);
            Assert.Equal(403, (await operatorPage.GotoAsync("/console/users"))!.Status);
            await operatorPage.GotoAsync("/console");
            Assert.Equal(403, await PostAsync(operatorPage, $"/console/users?handler=Disable&id={readerId}", []));
            Assert.False((bool)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")).Single(u => (string)u["id"]! == readerId)["disabled"]!);
            await operatorPage.Context.CloseAsync();

            // The admin disables the reader: their open session ends at the next page, and they cannot sign in again.
            await admin.GetByRole(AriaRole.Button, new() { Name = "Disable console-reader" }).ClickAsync();
            AssertContains(await admin.GetByRole(AriaRole.Status).InnerTextAsync(), "User console-reader is disabled");
            Assert.True((bool)ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")).Single(u => (string)u["id"]! == readerId)["disabled"]!);
            await PageChecks.CheckAndShootAsync(admin, "users-actions");
            await reader.GotoAsync("/console/assets");
            Assert.Matches(SignInUrl(), reader.Url);
            await SignInAsync(reader, "console-reader", password);
            Assert.Equal("The user name or password is wrong.", await reader.GetByRole(AriaRole.Alert).InnerTextAsync());
            await reader.Context.CloseAsync();

            // Both are deleted again, each after a confirmation, as the API's audit log records.
            foreach (var name in new[] { "console-reader", "console-operator" })
            {
                await admin.GetByRole(AriaRole.Link, new() { Name = $"Delete {name}", Exact = true }).ClickAsync();
                await admin.GetByRole(AriaRole.Button, new() { Name = $"Yes, delete {name}" }).ClickAsync();
                AssertContains(await admin.GetByRole(AriaRole.Status).InnerTextAsync(), $"User {name} is deleted");
            }

            Assert.Equal(["admin"], ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users")).Select(u => (string)u["username"]!));
            var entries = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/audit?actor=admin&limit=6")).Select(e => $"{e["action"]} {e["target"]}");
            Assert.Equal(["user.delete console-operator", "user.delete console-reader", "user.change console-reader",
                "user.create console-operator", "user.create console-reader"], entries.Take(5));
        }
        finally
        {
            await RemoveTestUsersAsync();
        }

        await admin.Context.CloseAsync();
    }

    /// <summary>The users this test adds, deleted through the API whatever failed, so the other tests see the demo's one admin.</summary>
    private async Task RemoveTestUsersAsync()
    {
        foreach (var user in ConsoleFixture.Items(await console.ApiGetAsync("api/v1/users"))
            .Where(u => ((string)u["username"]!).StartsWith("console-", StringComparison.Ordinal)))
        {
            using var deleted = await console.Api.DeleteAsync(new Uri($"api/v1/users/{user["id"]}", UriKind.Relative));
            Assert.Equal(204, (int)deleted.StatusCode);
        }
    }

    private static async Task AddUserAsync(IPage page, string name, string password, string role)
    {
        await page.GetByLabel("New user name").FillAsync(name);
        await page.GetByLabel("Initial password").FillAsync(password);
        // The add form's own role field: each user's row has a role field too.
        await page.Locator("form", new() { Has = page.GetByLabel("New user name") }).GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
    }

    /// <summary>
    /// A form post as a hand-made request would send it, with the session's cookie and a valid antiforgery token (the
    /// sign-out form's): only the page's policy can refuse it. Answers the status.
    /// </summary>
    private static async Task<int> PostAsync(IPage page, string path, Dictionary<string, string> fields)
    {
        if (!page.Url.Contains("/console", StringComparison.Ordinal) || await page.Locator("form.who input[name=__RequestVerificationToken]").CountAsync() == 0)
        {
            await page.GotoAsync("/console");
        }

        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", await page.Locator("form.who input[name=__RequestVerificationToken]").InputValueAsync());
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        var answer = await page.Context.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
        return answer.Status;
    }

    private async Task ApiStatusAsync(string path, int status)
    {
        using var answer = await console.Api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, (int)answer.StatusCode);
    }

    private static async Task<JsonNode> DownloadAsync(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        return JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!;
    }

    private static List<string> Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    private static void AssertContains(string actual, string expected) => Assert.Contains(expected, actual, StringComparison.Ordinal);
}
