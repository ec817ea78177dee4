using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Accounts;

/// <summary>/api/v1/connectors over HTTP: validate and save, the external ID's one showing, zero-touch's precondition, deletion.</summary>
public sealed class ConnectorTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_external_id_is_shown_whole_once_then_masked_and_never_audited(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accountId = LocalAccounts.NewAccountId();

        var created = await LocalAccounts.CreateConnectorAsync(tenant, accountId);
        var externalId = (string)created["externalId"]!;
        var id = (string)created["id"]!;
        var one = await tenant.Admin.GetStringAsync($"api/v1/connectors/{id}");
        var list = await tenant.Admin.GetStringAsync("api/v1/connectors");

        // 160 random bits in base64url: 27 characters of the URL-safe alphabet.
        Assert.Matches("^[A-Za-z0-9_-]{27}$", externalId);
        Assert.Equal(accountId, (string)created["accountId"]!);
        Assert.Equal("••••" + externalId[^4..], (string)JsonNode.Parse(one)!["externalId"]!);
        Assert.DoesNotContain(externalId, one, StringComparison.Ordinal);
        Assert.DoesNotContain(externalId, list, StringComparison.Ordinal);
        Assert.Contains(id, list, StringComparison.Ordinal);
        using var change = await tenant.Admin.PatchAsync($"api/v1/connectors/{id}", LocalAccounts.Json("""{"description": "changed"}"""));
        Assert.DoesNotContain(externalId, await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var audit = scope.ServiceProvider.GetRequiredService<ControlDbContext>().AuditEntries.ToList();
        Assert.Contains(audit, e => e.Action == "connector.create" && e.Target == id);
        Assert.Contains(audit, e => e.Action == "connector.change" && e.Target == id);
        Assert.DoesNotContain(audit, e => $"{e.Actor}{e.Target}{e.Detail}".Contains(externalId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("name", """ "name": "" """)]
    [InlineData("name", """ "name": "a\u0007b" """)]
    [InlineData("description", """ "description": "{1025}" """)]
    [InlineData("applications", """ "applications": [] """)]
    [InlineData("applications", """ "applications": ["Backups"] """)]
    [InlineData("accountType", """ "accountType": "GovCloud " """)]
    [InlineData("pollingFrequencyHours", """ "pollingFrequencyHours": 0 """)]
    [InlineData("pollingFrequencyHours", """ "pollingFrequencyHours": 25 """)]
    [InlineData("roleArn", """ "roleArn": "arn:aws:iam::12345678901:role/x" """)]
    [InlineData("roleArn", """ "roleArn": "arn:aws:iam::123456789012:user/x" """)]
    [InlineData("roleArn", """ "roleArn": "arn:aws-cn:iam::123456789012:role/x" """)]
    [InlineData("roleArn", """ "roleArn": "arn:aws:iam::123456789012:role//x" """)]
    [InlineData("regions", """ "regions": [] """)]
    [InlineData("regions", """ "regions": ["eu-west-1", "eu-west-1"] """)]
    [InlineData("regions", """ "regions": ["us-gov-west-1"] """)]
    [InlineData("assetTags[0]", """ "assetTags": [{"tagKey": " env", "tagValue": "prod"}] """)]
    [InlineData("assetTags[0]", """ "assetTags": [{"tagKey": "env", "tagValue": "prod*"}] """)]
    [InlineData("assetTags[0].tagKey", """ "assetTags": [{"tagKey": "a=b", "tagValue": "c"}] """)]
    public async Task A_bad_field_is_a_400_naming_it(string field, string replacement)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var body = ValidBody(LocalAccounts.NewAccountId());
        var (name, value) = (replacement.Split(':', 2)[0].Trim().Trim('"'), replacement.Split(':', 2)[1].Replace("{1025}", new string('x', 1025), StringComparison.Ordinal));
        body[name] = JsonNode.Parse(value);

        using var response = await tenant.Admin.PostAsync("api/v1/connectors", LocalAccounts.Json(body.ToJsonString()));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string)problem["field"]!);
    }

    [Fact]
    public async Task Generated_bad_arns_regions_and_tags_are_400s_naming_the_field_never_500s()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var printable = Gen.Char['!', '~'];
        var badArn = Gen.OneOf(
            Gen.String[printable, 0, 80],
            Gen.Select(Gen.OneOfConst("aws-us-gov", "aws-cn", "aws-xx", "AWS", ""), Gen.String[Gen.Char['0', '9'], 12, 12],
                (p, a) => $"arn:{p}:iam::{a}:role/x"),
            Gen.Select(Gen.String[Gen.Char['0', '9'], 0, 14].Where(a => a.Length != 12), a => $"arn:aws:iam::{a}:role/x"),
            Gen.Select(Gen.String[Gen.Char['A', 'Z'], 65, 90], n => $"arn:aws:iam::123456789012:role/{n}"));
        var badRegion = Gen.OneOf(Gen.OneOfConst("us-gov-east-1", "cn-north-1", "EU-WEST-1", "eu-west-9", ""), Gen.String[printable, 1, 20]);
        var badTag = Gen.OneOf(
            Gen.Select(Gen.String[printable, 0, 10], k => (" " + k, "v")),
            Gen.Select(Gen.String[printable, 0, 10], v => ("k", v + "*")),
            Gen.Select(Gen.String[printable, 129, 140], k => (k.Replace("=", "", StringComparison.Ordinal) + new string('k', 129), "v")),
            Gen.Select(Gen.String[Gen.Char['\0', '\u001f'], 1, 3], c => ("k" + c, "v")),
            Gen.Const(("aws:owner", "me")));
        var cases = Gen.OneOf(
            badArn.Select(a => ("roleArn", (JsonNode?)JsonValue.Create(a))),
            badRegion.Select(r => ("regions", (JsonNode?)new JsonArray(JsonValue.Create(r)))),
            badTag.Select(t => ("assetTags", (JsonNode?)new JsonArray(new JsonObject { ["tagKey"] = t.Item1, ["tagValue"] = t.Item2 }))));

        await cases.SampleAsync(async c =>
        {
            var body = ValidBody(LocalAccounts.NewAccountId());
            body[c.Item1] = c.Item2;
            using var response = await tenant.Admin.PostAsync("api/v1/connectors", LocalAccounts.Json(body.ToJsonString()));
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return response.StatusCode == HttpStatusCode.BadRequest
                && ((string?)problem["field"])?.StartsWith(c.Item1, StringComparison.Ordinal) == true;
        }, iter: 150, threads: 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Zero_touch_is_refused_with_409_until_a_service_account_is_registered(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accountId = LocalAccounts.NewAccountId();
        var connector = await LocalAccounts.WorkingAccountAsync(tenant, accountId);
        var url = $"api/v1/connectors/{connector["id"]}";

        using var before = await tenant.Admin.PatchAsync(url, LocalAccounts.Json("""{"zeroTouchSnapshot": true}"""));
        var beforeText = await before.Content.ReadAsStringAsync();
        using var created = await tenant.Admin.PostAsync("api/v1/connectors",
            LocalAccounts.Json(ValidBody(LocalAccounts.NewAccountId(), zeroTouch: true).ToJsonString()));
        using var register = await LocalAccounts.RegisterServiceAsync(tenant.Admin, accountId);
        using var after = await tenant.Admin.PatchAsync(url, LocalAccounts.Json("""{"zeroTouchSnapshot": true}"""));

        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        Assert.Contains("register a service account first", beforeText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True((bool)JsonNode.Parse(await after.Content.ReadAsStringAsync())!["zeroTouchSnapshot"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Deleting_the_connector_deregisters_its_accounts(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var accountId = LocalAccounts.NewAccountId();
        var connector = await LocalAccounts.WorkingAccountAsync(tenant, accountId);
        using var service = await LocalAccounts.RegisterServiceAsync(tenant.Admin, accountId);
        using var target = await LocalAccounts.RegisterTargetAsync(tenant.Admin, accountId);
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        Assert.Equal(HttpStatusCode.Created, target.StatusCode);

        using var delete = await tenant.Admin.DeleteAsync($"api/v1/connectors/{connector["id"]}");
        using var serviceAfter = await tenant.Admin.GetAsync("api/v1/service-account");
        var targetsAfter = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/target-accounts"))!;
        using var connectorAfter = await tenant.Admin.GetAsync($"api/v1/connectors/{connector["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, serviceAfter.StatusCode);
        Assert.Equal(0, (int)targetsAfter["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, connectorAfter.StatusCode);
    }

    [Fact]
    public async Task Names_are_unique_in_a_subscription_and_the_list_filters_on_them()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        await LocalAccounts.CreateConnectorAsync(tenant, LocalAccounts.NewAccountId(), name: "prod-eu");
        await LocalAccounts.CreateConnectorAsync(tenant, LocalAccounts.NewAccountId(), name: "dev-us");
        var again = ValidBody(LocalAccounts.NewAccountId());
        again["name"] = "prod-eu";

        using var duplicate = await tenant.Admin.PostAsync("api/v1/connectors", LocalAccounts.Json(again.ToJsonString()));
        var filtered = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/connectors?name=prod"))!;

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(1, (int)filtered["total"]!);
        Assert.Equal("prod-eu", (string)filtered["items"]![0]!["name"]!);
    }

    [Fact]
    public async Task A_reader_can_list_but_not_create()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        using var reader = await tenant.UserAsync(UserRole.Reader);

        using var list = await reader.GetAsync("api/v1/connectors");
        using var create = await reader.PostAsync("api/v1/connectors", LocalAccounts.Json(ValidBody(LocalAccounts.NewAccountId()).ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    private static JsonObject ValidBody(string accountId, bool zeroTouch = false) => new()
    {
        ["name"] = "c-" + accountId,
        ["applications"] = new JsonArray("VulnerabilityScanning"),
        ["accountType"] = "commercial",
        ["pollingFrequencyHours"] = 4,
        ["roleArn"] = LocalAccounts.RoleArn(accountId),
        ["regions"] = new JsonArray("eu-west-1"),
        ["zeroTouchSnapshot"] = zeroTouch,
    };
}
