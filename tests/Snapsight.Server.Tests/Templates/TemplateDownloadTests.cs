using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Templates;

/// <summary>POST /api/v1/templates/*: the files a team deploys, checked by cfn-lint, carrying a live token.</summary>
public sealed class TemplateDownloadTests
{
    private const string Endpoint = "https://snapsight.example.com";
    private static readonly string[] EuWest = ["eu-west-1"];
    private static readonly string[] EuWestAndUsEast = ["eu-west-1", "us-east-1"];

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_service_account_template_passes_cfn_lint_in_both_formats_and_carries_a_new_listed_token(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        using var directory = new TempDirectory();
        foreach (var format in new[] { "json", "yaml" })
        {
            using var answer = await tenant.Admin.PostAsJsonAsync($"api/v1/templates/service-account?format={format}",
                new { regions = EuWestAndUsEast, targetRegions = EuWest, apiEndpoint = Endpoint, scanIntervalHours = 48 });
            var text = await answer.Content.ReadAsStringAsync();

            Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
            Assert.Equal(format == "json" ? "application/json" : "application/yaml", answer.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"snapsight-service-account.{format}", answer.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
            Assert.True(answer.Headers.CacheControl!.NoStore);
            var path = directory.File($"cft-s.{format}");
            await File.WriteAllTextAsync(path, text);
            var (exitCode, lint) = TemplateTools.CfnLint(path);
            Assert.True(exitCode == 0, lint);

            // The token in the file is the one the answer names, listed as active, and its value is nowhere in the list.
            var tokenId = answer.Headers.GetValues("Snapsight-Subscription-Token-Id").Single();
            var tokens = await tenant.Admin.GetStringAsync("api/v1/subscription-tokens");
            var listed = JsonNode.Parse(tokens)!["items"]!.AsArray().Single(t => (string)t!["id"]! == tokenId)!;
            Assert.Equal("active", (string)listed["state"]!);
            if (format == "json")
            {
                var parameters = JsonNode.Parse(text)!["Parameters"]!;
                var token = (string)parameters["SubscriptionToken"]!["Default"]!;
                Assert.StartsWith("sst_", token, StringComparison.Ordinal);
                Assert.DoesNotContain(token, tokens, StringComparison.Ordinal);
                Assert.Equal("eu-west-1,us-east-1", (string)parameters["Regions"]!["Default"]!);
                Assert.Equal("eu-west-1", (string)parameters["TargetRegions"]!["Default"]!);
                Assert.Equal(Endpoint, (string)parameters["ApiEndpoint"]!["Default"]!);
                Assert.Equal("48", parameters["ScanIntervalHours"]!["Default"]!.ToJsonString().Trim('"'));
                await AssertAuditedWithoutSecretAsync(tenant, token);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_bad_field_is_a_problem_naming_it_and_hands_out_no_token(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var cases = new (object Body, string Field)[]
        {
            (new { regions = EuWest, apiEndpoint = Endpoint, tags = new { all = new[] { "env=*" } } }, "tags.all[0]"),
            (new { regions = EuWest, apiEndpoint = Endpoint, partition = "aws-cn" }, "regions"),
            (new { regions = EuWest, apiEndpoint = Endpoint, scanIntervalHours = 23 }, "scanIntervalHours"),
            (new { regions = Array.Empty<string>(), apiEndpoint = Endpoint }, "regions"),
            // The test server listens on plain http: without an https endpoint there is nothing AWS could call.
            (new { regions = EuWest }, "apiEndpoint"),
            (new { regions = EuWest, apiEndpoint = Endpoint, subscriptionToken = "sst_" + new string('A', 43) }, "subscriptionToken"),
        };
        foreach (var (body, field) in cases)
        {
            using var answer = await tenant.Admin.PostAsJsonAsync("api/v1/templates/service-account", body);
            var problem = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal(field, (string)problem["field"]!);
        }

        using var badFormat = await tenant.Admin.PostAsJsonAsync("api/v1/templates/service-account?format=xml",
            new { regions = EuWest, apiEndpoint = Endpoint });
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        var tokens = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/subscription-tokens"))!["items"]!.AsArray();
        Assert.Empty(tokens);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_given_token_is_used_only_while_live_and_only_by_its_own_subscription(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var other = await TestTenant.CreateAsync(server);
        using var issued = await tenant.Admin.PostAsJsonAsync("qas/subscription-token", new { expiry = 3600 });
        var token = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var body = new { regions = EuWest, apiEndpoint = Endpoint, subscriptionToken = (string)token["token"]! };

        using var own = await tenant.Admin.PostAsJsonAsync("api/v1/templates/service-account", body);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((string)token["id"]!, own.Headers.GetValues("Snapsight-Subscription-Token-Id").Single());
        using var foreign = await other.Admin.PostAsJsonAsync("api/v1/templates/service-account", body);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        (await tenant.Admin.DeleteAsync($"api/v1/subscription-tokens/{(string)token["id"]!}")).EnsureSuccessStatusCode();
        using var revoked = await tenant.Admin.PostAsJsonAsync("api/v1/templates/service-account", body);
        Assert.Equal(HttpStatusCode.BadRequest, revoked.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_reader_cannot_download_a_template(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        using var reader = await tenant.UserAsync(UserRole.Reader);
        using var answer = await reader.PostAsJsonAsync("api/v1/templates/service-account", new { regions = EuWest, apiEndpoint = Endpoint });
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }

    private static async Task AssertAuditedWithoutSecretAsync(TestTenant tenant, string token)
    {
        var entries = await tenant.AuditEntriesAsync();
        Assert.Contains(entries, e => e.Action == AuditActions.TemplateDownload && e.Target == "service-account");
        Assert.All(entries, e => Assert.DoesNotContain(token[4..], $"{e.Target} {e.Detail}", StringComparison.Ordinal));
    }
}
