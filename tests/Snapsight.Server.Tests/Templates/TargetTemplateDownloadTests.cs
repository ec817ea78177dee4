using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Templates;

/// <summary>
/// POST /api/v1/templates/target-account: CFT-T for one connector, its external ID and the registered
/// service account's scanning role taken from the subscription's records, checked by cfn-lint.
/// </summary>
public sealed class TargetTemplateDownloadTests
{
    private const string Endpoint = "https://snapsight.example.com";
    private static readonly string[] EuWest = ["eu-west-1"];

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_target_template_passes_cfn_lint_and_trusts_the_registered_scanning_role_with_the_connectors_external_id(
        DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var (serviceId, targetId) = (LocalAccounts.NewAccountId(), LocalAccounts.NewAccountId());
        await LocalAccounts.WorkingAccountAsync(tenant, serviceId);
        using (var registered = await LocalAccounts.RegisterServiceAsync(tenant.Admin, serviceId))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var connector = await LocalAccounts.CreateConnectorAsync(tenant, targetId);
        var externalId = (string)connector["externalId"]!;
        using var directory = new TempDirectory();
        foreach (var format in new[] { "json", "yaml" })
        {
            using var answer = await tenant.Admin.PostAsJsonAsync($"api/v1/templates/target-account?format={format}",
                new { connectorId = (string)connector["id"]!, targetRegions = EuWest, apiEndpoint = Endpoint });
            var text = await answer.Content.ReadAsStringAsync();

            Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
            Assert.Equal($"snapsight-target-account.{format}", answer.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
            Assert.True(answer.Headers.CacheControl!.NoStore);
            Assert.Single(answer.Headers.GetValues("Snapsight-Subscription-Token-Id"));
            var path = directory.File($"cft-t.{format}");
            await File.WriteAllTextAsync(path, text);
            var (exitCode, lint) = TemplateTools.CfnLint(path);
            Assert.True(exitCode == 0, lint);
            Assert.Contains(externalId, text, StringComparison.Ordinal);
        }

        using var json = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account",
            new { connectorId = (string)connector["id"]!, targetRegions = EuWest, apiEndpoint = Endpoint });
        var template = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal(externalId, (string)template["Parameters"]!["ExternalId"]!["Default"]!);
        var trust = template["Resources"]!["TargetRole"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Single()!;
        Assert.Equal($"arn:aws:iam::{serviceId}:role/SnapsightScanning", (string)trust["Principal"]!["AWS"]!);
        Assert.Equal("ExternalId", (string)trust["Condition"]!["StringEquals"]!["sts:ExternalId"]!["Ref"]!);

        // The scanning role the target trusts is the one CFT-S creates.
        using var serviceTemplate = await tenant.Admin.PostAsJsonAsync("api/v1/templates/service-account",
            new { regions = EuWest, apiEndpoint = Endpoint });
        var scanningRole = JsonNode.Parse(await serviceTemplate.Content.ReadAsStringAsync())!["Resources"]!["ScanningRole"]!;
        Assert.EndsWith(":role/" + (string)scanningRole["Properties"]!["RoleName"]!, (string)trust["Principal"]!["AWS"]!, StringComparison.Ordinal);

        await AssertAuditedWithoutExternalIdAsync(tenant, (string)connector["id"]!, externalId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Without_a_registered_service_account_the_body_names_it_or_the_download_is_refused(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var connector = await LocalAccounts.CreateConnectorAsync(tenant, LocalAccounts.NewAccountId());
        var connectorId = (string)connector["id"]!;

        using var refused = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account",
            new { connectorId, apiEndpoint = Endpoint });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("serviceAccountId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var named = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account",
            new { connectorId, serviceAccountId = "123456789012", apiEndpoint = Endpoint });
        var template = JsonNode.Parse(await named.Content.ReadAsStringAsync())!;
        var trust = template["Resources"]!["TargetRole"]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("arn:aws:iam::123456789012:role/SnapsightScanning", (string)trust["Principal"]!["AWS"]!);
        // Defaults: the connector's regions.
        Assert.Equal("eu-west-1,us-east-1", (string)template["Parameters"]!["TargetRegions"]!["Default"]!);

        // Once one is registered, a target role may trust no other.
        var serviceId = LocalAccounts.NewAccountId();
        await LocalAccounts.WorkingAccountAsync(tenant, serviceId);
        (await LocalAccounts.RegisterServiceAsync(tenant.Admin, serviceId)).Dispose();
        using var other = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account",
            new { connectorId, serviceAccountId = "123456789012", targetRegions = EuWest, apiEndpoint = Endpoint });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains(serviceId, await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_bad_field_is_a_problem_naming_it_an_unknown_connector_is_not_found_and_no_token_is_handed_out(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var connectorId = (string)(await LocalAccounts.CreateConnectorAsync(tenant, LocalAccounts.NewAccountId()))["id"]!;
        const string ServiceAccountId = "123456789012";
        var cases = new (object Body, string Field)[]
        {
            (new { serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint }, "connectorId"),
            (new { connectorId = "connector-1", serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint }, "connectorId"),
            (new { connectorId, serviceAccountId = "12345", apiEndpoint = Endpoint }, "serviceAccountId"),
            (new { connectorId, serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint, partition = "aws-cn" }, "partition"),
            (new { connectorId, serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint, targetRegions = new[] { "cn-north-1" } }, "targetRegions"),
            (new { connectorId, serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint, regions = EuWest, targetRegions = new[] { "us-east-1" } },
                "targetRegions"),
            (new { connectorId, serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint, tags = new { exclusion = " skip=yes" } }, "tags.exclusion"),
            (new { connectorId, serviceAccountId = ServiceAccountId }, "apiEndpoint"),
        };
        foreach (var (body, field) in cases)
        {
            using var answer = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account", body);
            var problem = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{field}: {problem}");
            Assert.Equal(field, (string)problem["field"]!);
        }

        using var unknown = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account",
            new { connectorId = Guid.NewGuid(), serviceAccountId = ServiceAccountId, apiEndpoint = Endpoint });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var serviceTakesNoConnector = await tenant.Admin.PostAsJsonAsync("api/v1/templates/service-account",
            new { connectorId, regions = EuWest, apiEndpoint = Endpoint });
        Assert.Equal("connectorId", (string)JsonNode.Parse(await serviceTakesNoConnector.Content.ReadAsStringAsync())!["field"]!);
        Assert.Empty(JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/subscription-tokens"))!["items"]!.AsArray());
    }

    private static async Task AssertAuditedWithoutExternalIdAsync(TestTenant tenant, string connectorId, string externalId)
    {
        var entries = await tenant.AuditEntriesAsync();
        Assert.Contains(entries, e => e.Action == AuditActions.TemplateDownload && e.Target == "target-account"
            && e.Detail?.Contains(connectorId, StringComparison.Ordinal) == true);
        Assert.All(entries, e => Assert.DoesNotContain(externalId, $"{e.Actor} {e.Target} {e.Detail}", StringComparison.Ordinal));
    }
}
