using System.Net;
using System.Text.Json.Nodes;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Accounts;

/// <summary>
/// The templates' call-backs against a real server and real account.json directories: the bodies as
/// the templates send them, every failure cause of the validation workflow, 304 on repeat, the race.
/// </summary>
public sealed class AccountRegistrationTests
{
    private static readonly string[] Regions = ["eu-west-1", "us-east-1"];

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_template_call_back_bodies_register_with_a_subscription_token_and_304_on_repeat(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var serviceId = LocalAccounts.NewAccountId();
        var targetId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, serviceId);
        await LocalAccounts.WorkingAccountAsync(tenant, targetId);
        var (callBack, _) = await LocalAccounts.CallBackClientAsync(tenant);

        using var service = await LocalAccounts.RegisterServiceAsync(callBack, serviceId);
        using var serviceAgain = await LocalAccounts.RegisterServiceAsync(callBack, serviceId);
        using var target = await LocalAccounts.RegisterTargetAsync(callBack, targetId);
        using var targetAgain = await LocalAccounts.RegisterTargetAsync(callBack, targetId);
        var shown = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/service-account"))!;
        var targets = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/target-accounts"))!;

        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, serviceAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, targetAgain.StatusCode);
        Assert.Equal("registered", (string)shown["state"]!);
        Assert.Equal(48, (int)shown["scheduleHours"]!);
        Assert.Equal("env", (string)shown["tags"]![0]!["tagKey"]!);
        Assert.Equal("snapsight:exclude", (string)shown["exclusionTags"]![0]!["tagKey"]!);
        Assert.Null(shown["lastError"]);
        Assert.Equal(targetId, (string)targets["items"]![0]!["accountId"]!);
        Assert.Equal("registered", (string)targets["items"]![0]!["state"]!);
        // The template's CopyAndShare as reported; the local cloud shares every account's snapshots whatever it says.
        Assert.False((bool)targets["items"]![0]!["copyAndShare"]!);
        Assert.Equal("share-to-service-account", (string)targets["items"]![0]!["snapshotAccess"]!);
    }

    /// <summary>The call-back's CopyAndShare must be a JSON boolean: anything else is refused and registers nothing.</summary>
    [Theory]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("\"yes\"")]
    [InlineData("{}")]
    public async Task A_copy_and_share_that_is_not_a_boolean_is_refused_and_registers_nothing(string value)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var targetId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, targetId);
        var (callBack, _) = await LocalAccounts.CallBackClientAsync(tenant);

        using var answer = await callBack.PostAsync("conn/snapshot/v1.0/register-target-account", LocalAccounts.Json(
            $$"""{"accountId": "{{targetId}}", "roleArn": "{{LocalAccounts.RoleArn(targetId)}}", "regions": ["eu-west-1"], "copyAndShare": {{value}}}"""));
        var targets = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/target-accounts"))!;

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain(targets["items"]!.AsArray(), t => (string)t!["accountId"]! == targetId);
    }

    [Fact]
    public async Task A_template_update_of_copy_and_share_re_registers_the_account_and_a_body_without_it_keeps_what_was_reported()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var targetId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, targetId);
        var (callBack, _) = await LocalAccounts.CallBackClientAsync(tenant);

        async Task<(HttpStatusCode Status, JsonNode? Shown)> RegisterAsync(bool? copyAndShare)
        {
            using var answer = await LocalAccounts.RegisterTargetAsync(callBack, targetId, copyAndShare);
            var targets = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/target-accounts"))!;
            var shown = Assert.Single(targets["items"]!.AsArray(), t => (string)t!["accountId"]! == targetId)!;
            var id = (string)shown["id"]!;
            Assert.True(JsonNode.DeepEquals(shown, JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/target-accounts/{id}"))));
            return (answer.StatusCode, shown["copyAndShare"]);
        }

        // Added by hand first (no value): the server's default applies until a template says.
        var added = await RegisterAsync(null);
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Null(added.Shown);
        var on = await RegisterAsync(true);
        Assert.Equal((HttpStatusCode.OK, true), (on.Status, (bool)on.Shown!));
        var silent = await RegisterAsync(null);
        Assert.Equal((HttpStatusCode.NotModified, true), (silent.Status, (bool)silent.Shown!));
        var off = await RegisterAsync(false);
        Assert.Equal((HttpStatusCode.OK, false), (off.Status, (bool)off.Shown!));
        // Each change audited with the mode it set (the 304s change nothing and are not).
        var audit = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/audit?action=target-account.register&limit=10"))!["items"]!.AsArray();
        Assert.Equal(["copyAndShare false", "copyAndShare true", null],
            audit.Select(e => (string?)e!["detail"] is { } d && d.Contains("copyAndShare", StringComparison.Ordinal) ? d[d.IndexOf("copyAndShare", StringComparison.Ordinal)..] : null));
    }

    [Theory]
    [InlineData("""72""", HttpStatusCode.Created)]
    [InlineData("""null""", HttpStatusCode.Created)]
    [InlineData(""" "rate(168 hours)" """, HttpStatusCode.Created)]
    [InlineData(""" "rate(23 hours)" """, HttpStatusCode.BadRequest)]
    [InlineData("""169""", HttpStatusCode.BadRequest)]
    [InlineData(""" "cron(0 12 * * ? *)" """, HttpStatusCode.BadRequest)]
    [InlineData(""" "rate(48 days)" """, HttpStatusCode.BadRequest)]
    [InlineData("""48.5""", HttpStatusCode.BadRequest)]
    [InlineData("""true""", HttpStatusCode.BadRequest)]
    public async Task The_schedule_is_a_rate_in_hours_or_a_number_within_24_to_168(string schedule, HttpStatusCode expected)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var accountId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, accountId);

        using var response = await tenant.Admin.PostAsync("conn/snapshot/v1.0/register-service-account",
            LocalAccounts.Json($$"""{"accountId": "{{accountId}}", "schedule": {{schedule}}}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(expected == response.StatusCode, text);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("schedule", (string)JsonNode.Parse(text)!["field"]!);
        }
    }

    public static TheoryData<DatabaseProvider, string> Causes()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var database in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            foreach (var cause in new[] { "no_account", "no_such_role", "external_id_mismatch", "missing_permission", "region_not_enabled", "sessions_revoked" })
            {
                data.Add(database, cause);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Causes))]
    public async Task Each_failure_cause_is_named_stored_and_shown(DatabaseProvider database, string cause)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accountId = LocalAccounts.NewAccountId();
        var connector = await LocalAccounts.CreateConnectorAsync(tenant, accountId);
        var externalId = (string)connector["externalId"]!;
        var (account, code, named) = cause switch
        {
            "no_account" => (null, "role_cannot_be_assumed", accountId),
            "no_such_role" => (LocalAccounts.Account(LocalAccounts.NewAccountId(), externalId, ["*"], Regions), "role_cannot_be_assumed", "role"),
            "external_id_mismatch" => (LocalAccounts.Account(accountId, "someone-elses-id", ["*"], Regions), "external_id_mismatch", "external ID"),
            "missing_permission" => (LocalAccounts.Account(accountId, externalId, ["ec2:DescribeRegions", "ec2:DescribeSnapshots", "ebs:ListSnapshotBlocks"], Regions),
                "missing_permission", "ebs:GetSnapshotBlock"),
            "region_not_enabled" => (LocalAccounts.Account(accountId, externalId, LocalAccounts.ServicePermissions, ["us-east-1"]), "region_not_enabled", "eu-west-1"),
            "sessions_revoked" => (LocalAccounts.Account(accountId, externalId, ["*"], Regions, sessionsRevoked: true), "token_expired_or_revoked", "revoked"),
            _ => throw new ArgumentOutOfRangeException(nameof(cause)),
        };
        if (account is not null)
        {
            LocalAccounts.Write(tenant.Server, accountId, account);
        }

        using var response = await LocalAccounts.RegisterServiceAsync(tenant.Admin, accountId);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var shown = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/service-account"))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (string)problem["code"]!);
        Assert.Contains(named, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal("failed", (string)shown["state"]!);
        Assert.Equal(code, (string)shown["lastError"]!["code"]!);
        Assert.DoesNotContain(externalId, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_failed_registration_passes_once_the_account_is_fixed(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accountId = LocalAccounts.NewAccountId();
        var connector = await LocalAccounts.CreateConnectorAsync(tenant, accountId);
        LocalAccounts.Write(tenant.Server, accountId, LocalAccounts.Account(accountId, (string)connector["externalId"]!, ["ec2:Describe*", "ec2:DescribeInstances"], Regions));

        using var failed = await LocalAccounts.RegisterTargetAsync(tenant.Admin, accountId);
        var targetId = (string)JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/target-accounts"))!["items"]![0]!["id"]!;
        var failedView = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/target-accounts/{targetId}"))!;
        LocalAccounts.Write(tenant.Server, accountId, LocalAccounts.Account(accountId, (string)connector["externalId"]!, LocalAccounts.TargetPermissions, Regions));
        using var fixedAgain = await LocalAccounts.RegisterTargetAsync(tenant.Admin, accountId);
        var fixedView = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/target-accounts/{targetId}"))!;

        // "ec2:Describe*" is no wildcard the local cloud grants by (only "*" and "service:*" are), so DescribeRegions is missing.
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal("failed", (string)failedView["state"]!);
        Assert.Contains("ec2:DescribeRegions", (string)failedView["lastError"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fixedAgain.StatusCode);
        Assert.Equal("registered", (string)fixedView["state"]!);
        Assert.Null(fixedView["lastError"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Ten_parallel_registrations_of_different_accounts_register_exactly_one(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accounts = Enumerable.Range(0, 10).Select(_ => LocalAccounts.NewAccountId()).ToList();
        foreach (var account in accounts)
        {
            await LocalAccounts.WorkingAccountAsync(tenant, account);
        }

        var answers = await Task.WhenAll(accounts.Select(async a =>
        {
            using var response = await LocalAccounts.RegisterServiceAsync(tenant.Admin, a);
            return (response.StatusCode, Text: await response.Content.ReadAsStringAsync());
        }));
        var shown = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/service-account"))!;

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode);
            Assert.Equal("already_registered", (string)JsonNode.Parse(a.Text)!["code"]!);
        });
        Assert.Equal("registered", (string)shown["state"]!);
        Assert.Contains((string)shown["accountId"]!, accounts);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Refusals_before_validation_name_their_reason(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var vulnerabilityOnly = LocalAccounts.NewAccountId();
        var cspmOnly = LocalAccounts.NewAccountId();
        await LocalAccounts.CreateConnectorAsync(tenant, vulnerabilityOnly, """["VulnerabilityScanning"]""");
        await LocalAccounts.CreateConnectorAsync(tenant, cspmOnly, """["Cspm"]""");

        using var noConnector = await LocalAccounts.RegisterServiceAsync(tenant.Admin, LocalAccounts.NewAccountId());
        using var lacksCspm = await LocalAccounts.RegisterServiceAsync(tenant.Admin, vulnerabilityOnly);
        using var lacksScanning = await LocalAccounts.RegisterTargetAsync(tenant.Admin, cspmOnly);
        using var otherRole = await tenant.Admin.PostAsync("conn/snapshot/v1.0/register-target-account", LocalAccounts.Json(
            $$"""{"accountId": "{{vulnerabilityOnly}}", "roleArn": "arn:aws:iam::{{vulnerabilityOnly}}:role/Other", "regions": ["eu-west-1"]}"""));
        using var badTag = await tenant.Admin.PostAsync("conn/snapshot/v1.0/register-service-account", LocalAccounts.Json(
            $$"""{"accountId": "{{cspmOnly}}", "tags": [{"tagKey": "env ", "tagValue": "prod"}]}"""));
        using var badAccount = await tenant.Admin.PostAsync("conn/snapshot/v1.0/register-service-account", LocalAccounts.Json("""{"accountId": "12345"}"""));

        Assert.Equal(HttpStatusCode.NotFound, noConnector.StatusCode);
        Assert.Equal("no_connector", await CodeAsync(noConnector));
        Assert.Equal(HttpStatusCode.BadRequest, lacksCspm.StatusCode);
        Assert.Equal("connector_lacks_cspm", await CodeAsync(lacksCspm));
        Assert.Equal(HttpStatusCode.BadRequest, lacksScanning.StatusCode);
        Assert.Equal("connector_lacks_vulnerability_scanning", await CodeAsync(lacksScanning));
        Assert.Equal("roleArn", await FieldAsync(otherRole));
        Assert.Equal("tags[0]", await FieldAsync(badTag));
        Assert.Equal("accountId", await FieldAsync(badAccount));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_revoked_subscription_token_is_refused_with_401(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accountId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, accountId);
        var (callBack, tokenId) = await LocalAccounts.CallBackClientAsync(tenant);
        using var revoke = await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{tokenId}");

        using var service = await LocalAccounts.RegisterServiceAsync(callBack, accountId);
        using var target = await LocalAccounts.RegisterTargetAsync(callBack, accountId);
        using var anonymous = await LocalAccounts.RegisterServiceAsync(tenant.Server.Client(), accountId);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, service.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, target.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var none = await tenant.Admin.GetAsync("api/v1/service-account");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Deregistering_frees_the_place_for_another_service_account(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var first = LocalAccounts.NewAccountId();
        var second = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, first);
        await LocalAccounts.WorkingAccountAsync(tenant, second);

        using var one = await LocalAccounts.RegisterServiceAsync(tenant.Admin, first);
        using var refused = await LocalAccounts.RegisterServiceAsync(tenant.Admin, second);
        using var deregister = await tenant.Admin.DeleteAsync("api/v1/service-account");
        using var two = await LocalAccounts.RegisterServiceAsync(tenant.Admin, second);

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal("already_registered", await CodeAsync(refused));
        Assert.Equal(HttpStatusCode.NoContent, deregister.StatusCode);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"];

    private static async Task<string?> FieldAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"];
}
