using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Advisories.Import;
using Snapsight.Cli.Tests.Scan;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Discovery;
using Snapsight.Server.Tests.Support;
using Snapsight.Server.Tests.WebConsole;

namespace Snapsight.Server.Tests.Assessments;

/// <summary>
/// API-based assessment through the server: an instance whose cloud keeps an SSM inventory (that of
/// the real Debian 12 image, as dpkg-query lists it, mapped by the AWS provider's mapping) is
/// assessed on request, matched against the server's advisory database, stored as API-based, and
/// shown beside the snapshot-based result with its method; an instance without one is 404.
/// </summary>
public sealed class ApiAssessmentTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_instance_with_an_agent_inventory_is_assessed_from_it_stored_as_api_based_and_shown_beside_the_snapshot_result()
    {
        var source = new DebianInventorySource();
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite,
            overrides: services => services.AddSingleton<IApiInventorySource>(source));
        using var temp = new TempDirectory();
        var advisories = DebianAdvisoryFixture.Write(Directory.CreateDirectory(temp.File("feeds")).FullName);
        await StoreImporter.ImportAsync(Path.Combine(server.DataDirectory, "advisories.db"), [advisories.Folder], null, CancellationToken.None);
        var tenant = await TestTenant.CreateAsync(server);
        var (callBack, _) = await LocalAccounts.CallBackClientAsync(tenant);
        var accountId = LocalAccounts.NewAccountId();
        var fleet = new LocalFleet(server);
        await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        var managed = await fleet.AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.1");
        var bare = await fleet.AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.2");
        source.ManagedInstanceId = managed;
        var assetId = await AssetOfAsync(callBack, accountId, managed);
        var bareAssetId = await AssetOfAsync(callBack, accountId, bare);

        using var assessed = await tenant.Admin.PostAsync($"api/v1/assets/{assetId}/api-assessment", null);
        var text = await assessed.Content.ReadAsStringAsync();
        Assert.True(assessed.StatusCode == HttpStatusCode.OK, text);
        using var none = await tenant.Admin.PostAsync($"api/v1/assets/{bareAssetId}/api-assessment", null);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        var view = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{assetId}/assessments"))!;
        Assert.Null(view["snapshot"]);
        var api = view["api"]!;
        Assert.Equal(("api", "ssm", "debian", "12"), ((string)api["method"]!, (string)api["source"]!, (string)api["osFamily"]!, (string)api["osVersion"]!));
        Assert.Equal(Captured.UtcDateTime, DateTime.Parse((string)api["capturedAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
        Assert.Equal(source.Rows.Count, (int)api["packageCount"]!);
        // What dpkg decided for the packages that are their own source at the same version, which SSM's inventory can speak for.
        var selfSourced = source.Rows.Where(r => r[0] == r[3] && r[1] == r[4]).Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var expected = advisories.Expected.Where(e => selfSourced.Contains(e.Package)).Order().ToList();
        Assert.NotEmpty(expected);
        var findings = api["findings"]!.AsArray().Select(f => ((string)f!["id"]!, (string)f["package"]!)).ToList();
        Assert.Equal(expected, findings.Where(f => selfSourced.Contains(f.Item2)).Order());
        Assert.Equal(findings.Count, (int)api["findingCount"]!);
        Assert.Contains(api["gaps"]!.AsArray(), g => ((string)g!).Contains("source package", StringComparison.Ordinal));
        // The console's asset page shows both, each labelled, and the API-based findings on their own tab.
        using var console = await ConsoleClient.SignInAsync(server, tenant.AdminName, TestTenant.Password);
        var page = await (await console.GetAsync($"console/assets/{assetId}")).Content.ReadAsStringAsync();
        Assert.Contains("(snapshot-based)", page, StringComparison.Ordinal);
        Assert.Contains("(API-based)", page, StringComparison.Ordinal);
        Assert.Contains("AWS Systems Manager inventory", page, StringComparison.Ordinal);
        var apiTab = await (await console.GetAsync($"console/assets/{assetId}?tab=api")).Content.ReadAsStringAsync();
        Assert.All(expected, e => Assert.Contains($"<td>{e.Id}</td><td>{e.Package}</td>", apiTab, StringComparison.Ordinal));
        Assert.Contains(await tenant.AuditEntriesAsync(), e => e.Action == AuditActions.AssetApiAssessment && e.Succeeded
            && e.Target == $"{accountId}/eu-west-1/{managed}");
    }

    private static async Task<Guid> AssetOfAsync(HttpClient callBack, string accountId, string instanceId)
    {
        var body = new JsonObject
        {
            ["account"] = accountId, ["region"] = "eu-west-1", ["detail-type"] = "EC2 Instance State-change Notification",
            ["detail"] = new JsonObject { ["instance-id"] = instanceId, ["state"] = "running" },
        };
        using var response = await callBack.PostAsync("api/v1/events/instance", LocalAccounts.Json(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Guid.Parse((string)JsonNode.Parse(text)!["assetId"]!);
    }

    /// <summary>The cloud's agent inventory of one instance: the Debian image's packages as dpkg-query lists them, in SSM's AWS:Application shape.</summary>
    private sealed class DebianInventorySource : IApiInventorySource
    {
        public IReadOnlyList<string[]> Rows { get; } =
            [.. Tool.Run("dpkg-query", $"--admindir={Path.Combine(DebianImages.Path("rootfs"), "var", "lib", "dpkg")}", "-W", "-f",
                    "${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))];

        public string? ManagedInstanceId { get; set; }

        public Task<ApiInventory?> ReadApiInventoryAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken)
        {
            if (instanceId != ManagedInstanceId)
            {
                return Task.FromResult<ApiInventory?>(null);
            }

            var inventory = new SsmInventory(instanceId, new SsmPlatform("Linux", "Debian GNU/Linux", "12"), Captured,
                [.. Rows.Select(r => new SsmApplication { Name = r[0], Version = r[1], Architecture = r[2], PackageId = $"{r[0]}_{r[1]}_{r[2]}.deb" })]);
            return Task.FromResult<ApiInventory?>(new ApiInventory("ssm", Captured, SsmInventoryMapping.ToInventory(inventory)));
        }
    }
}
