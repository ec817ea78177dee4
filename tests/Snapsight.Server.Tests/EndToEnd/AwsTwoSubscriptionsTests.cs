using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapsight.AwsFake.Cloud;
using Snapsight.Cloud;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;
using static Snapsight.Server.Tests.EndToEnd.ApiJson;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// Two subscriptions of one <c>snapsight server --cloud aws</c> register the same AWS account, each through its own
/// connector: each deployed its own target template there (a role of its own trusting its own connector's external
/// ID, touching only snapshots tagged with its own subscription), as the fake enforces. Each subscription's scan acts
/// as its own role, each sees only its own asset and results, and each sweeper deletes its own orphans and leaves the
/// other's snapshots, kept ones included.
/// </summary>
public sealed partial class AwsTwoSubscriptionsTests(ITestOutputHelper output)
{
    private const string Password = "two-subscriptions-password";
    private const string ServiceAccount = "210987654321";
    private const string SharedAccount = "310987654321";
    private const string Region = "eu-west-1";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    /// <summary>The two subscriptions, by the suffix of their names, users and roles.</summary>
    private static readonly string[] Tenants = ["a", "b"];

    [Fact]
    public async Task Each_subscription_scans_the_shared_account_as_its_own_role_sees_only_its_own_results_and_sweeps_only_its_own_snapshots()
    {
        using var temp = new TempDirectory();
        await using var server = new ServerProcess(DatabaseProvider.PostgreSql) { LogFile = temp.File("server.log") };
        var subscriptions = Tenants.Select(name =>
        {
            var init = server.Init($"tenant-{name}", $"admin-{name}", Password);
            Assert.True(init.ExitCode == 0, init.Stderr);
            return (Name: name, Id: Guid.Parse(CreatedSubscription().Match(init.Stdout).Groups[1].Value));
        }).ToList();

        // The scanning role's own subscription tag only matters for shared copies, which read in place never makes.
        using var cloud = new FakeAwsCloud(ServiceAccount, [Region], SnapshotTags.SubscriptionValue(subscriptions[0].Id.ToString()));
        using var endpoint = new FakeAwsServer(cloud);
        using var completer = new Timer(_ => cloud.CompletePending(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        var instance = cloud.AddInstance(SharedAccount, Region, new Dictionary<string, string> { ["Name"] = "bullseye-app" },
            [(Path.Combine(DemoFleet.Images.Folder, "app-root.raw"), "/dev/xvda", null)], new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            IPAddress.Parse("10.0.0.10"));
        foreach (var (name, value) in AwsScannedFleet.Environment(endpoint, cloud))
        {
            server.Environment[name] = value;
        }

        await server.StartAsync();
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, id) in subscriptions)
        {
            using var http = await SignInAsync(server, $"admin-{name}", Password);
            roles[name] = await RegisterAsync(http, cloud, id, name);
        }

        var assets = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var runs = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        foreach (var (name, _) in subscriptions)
        {
            using var http = await SignInAsync(server, $"admin-{name}", Password);
            assets[name] = await ScannedAssetAsync(http, cloud);
            runs[name] = Items(await GetAsync(http, "api/v1/scans?limit=500"));
        }

        // Each sees its own asset of the one instance, scanned by its own runs, with the packages its scan found.
        Assert.All(assets.Values, a => Assert.Equal((instance.Id, SharedAccount), ((string)a["instanceId"]!, (string)a["cloudAccountId"]!)));
        Assert.NotEqual((string)assets["a"]["id"]!, (string)assets["b"]["id"]!);
        foreach (var (name, _) in subscriptions)
        {
            Assert.All(runs[name], r => Assert.Equal((string)assets[name]["id"]!, (string)r["assetId"]!));
            Assert.Contains(runs[name], r => (string)r["state"]! == "Done");
            // Registered without a copy-and-share choice: the server's default, read in place, for every run.
            Assert.All(runs[name].Where(r => (string)r["state"]! == "Done"), r => Assert.Equal("read-in-place", (string?)r["snapshotAccess"]));
        }

        Assert.Empty(runs["a"].Select(r => (string)r["id"]!).Intersect(runs["b"].Select(r => (string)r["id"]!)));
        using (var a = await SignInAsync(server, "admin-a", Password))
        using (var b = await SignInAsync(server, "admin-b", Password))
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(a, $"api/v1/assets/{assets["b"]["id"]}/packages"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(b, $"api/v1/assets/{assets["a"]["id"]}/packages"));
            var packagesA = await PackageNamesAsync(a, assets["a"]);
            Assert.NotEmpty(packagesA);
            Assert.Equal(packagesA, await PackageNamesAsync(b, assets["b"]));
        }

        // Each subscription acted as its own role (the fake let each role touch only its own subscription's snapshots,
        // and assumed it only with its own connector's external ID): both were used, nothing was refused.
        Assert.Equal(roles.Values.Order(StringComparer.Ordinal), cloud.AssumedRoles.Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(cloud.Denials);
        var kept = KeptBySubscription(cloud);
        Assert.Equal(subscriptions.Select(s => SnapshotTags.SubscriptionValue(s.Id.ToString())).Order(StringComparer.Ordinal), kept.Keys.Order(StringComparer.Ordinal));

        // An orphan of each (a run the database never knew), then a restart: each server start sweeps every subscription.
        var orphans = subscriptions.Select(s => cloud.AddForeignSnapshot(instance, RunSnapshotTags.OfRun(s.Id, Guid.NewGuid())).Id).ToList();
        await server.KillAsync();
        await server.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (cloud.SnapshotsOf(SharedAccount).Any(s => orphans.Contains(s.Id)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"orphans left after the sweep: {string.Join(", ", cloud.SnapshotsOf(SharedAccount).Select(s => s.Id).Intersect(orphans))}");
            await Task.Delay(500);
        }

        Assert.Equal(kept, KeptBySubscription(cloud));
        Assert.Empty(cloud.Denials);
        output.WriteLine($"assumed: {string.Join(", ", cloud.AssumedRoles.Distinct())}");
    }

    /// <summary>
    /// What a customer of subscription <paramref name="name"/> does: a connector for the shared account, its target
    /// template deployed there (a role of its own, with the connector's external ID, for its subscription's tags), a
    /// connector for the service account, the service and target accounts registered by the call-backs, zero-touch
    /// scanning on. Answers the role's ARN.
    /// </summary>
    private static async Task<string> RegisterAsync(HttpClient http, FakeAwsCloud cloud, Guid subscription, string name)
    {
        var roleArn = $"arn:aws:iam::{SharedAccount}:role/snapsight/SnapsightTarget-{name}";
        var connector = await SendAsync(http, HttpMethod.Post, "api/v1/connectors", new JsonObject
        {
            ["name"] = $"aws-{SharedAccount}",
            ["applications"] = new JsonArray("VulnerabilityScanning"),
            ["accountType"] = "commercial",
            ["pollingFrequencyHours"] = 1,
            ["roleArn"] = roleArn,
            ["regions"] = Strings([Region]),
            ["autoActivate"] = true,
        });
        var role = cloud.AddTargetAccount(SharedAccount, (string)connector["externalId"]!, [Region],
            SnapshotTags.SubscriptionValue(subscription.ToString()), $"SnapsightTarget-{name}");
        Assert.Equal(roleArn, role.RoleArn);

        // The service account registers through a connector naming it, as in the demo.
        await SendAsync(http, HttpMethod.Post, "api/v1/connectors", new JsonObject
        {
            ["name"] = $"aws-{ServiceAccount}",
            ["applications"] = new JsonArray("VulnerabilityScanning", "Cspm"),
            ["accountType"] = "commercial",
            ["pollingFrequencyHours"] = 1,
            ["roleArn"] = $"arn:aws:iam::{ServiceAccount}:role/snapsight/snapsight-service",
            ["regions"] = Strings([Region]),
            ["autoActivate"] = true,
        });
        var issued = await SendAsync(http, HttpMethod.Post, "qas/subscription-token", new JsonObject { ["expiry"] = 86_400 });
        using var callBacks = new HttpClient { BaseAddress = http.BaseAddress };
        callBacks.DefaultRequestHeaders.Authorization = new("Bearer", (string)issued["token"]!);
        var service = await SendAsync(callBacks, HttpMethod.Post, "conn/snapshot/v1.0/register-service-account",
            new JsonObject { ["accountId"] = ServiceAccount, ["regions"] = Strings([Region]), ["targetRegions"] = Strings([Region]) });
        Assert.True((string?)service["state"] == "registered", service.ToJsonString());
        var target = await SendAsync(callBacks, HttpMethod.Post, "conn/snapshot/v1.0/register-target-account",
            new JsonObject { ["accountId"] = SharedAccount, ["roleArn"] = roleArn, ["regions"] = Strings([Region]) });
        Assert.True((string?)target["state"] == "registered", target.ToJsonString());
        await SendAsync(http, HttpMethod.Patch, $"api/v1/connectors/{connector["id"]}", new JsonObject { ["zeroTouchSnapshot"] = true });
        return roleArn;
    }

    /// <summary>Waits until the subscription's one asset has a finished scan and none is active; answers the asset.</summary>
    private static async Task<JsonNode> ScannedAssetAsync(HttpClient http, FakeAwsCloud cloud)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var assets = Items(await GetAsync(http, "api/v1/assets?limit=500"));
            var ended = Items(await GetAsync(http, "api/v1/scans?limit=500")).Where(r => (string?)r["finishedAt"] is not null).ToList();
            var active = (int)(await GetAsync(http, "api/v1/scans?active=true&limit=1"))["total"]!;
            if (assets.Count == 1 && ended.Count > 0 && active == 0)
            {
                return assets[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"{assets.Count} assets, {ended.Count} scans ended in {Timeout}; denials: {string.Join("; ", cloud.Denials)}");
            await Task.Delay(500);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<List<string>> PackageNamesAsync(HttpClient http, JsonNode asset) =>
        [.. Items(await GetAsync(http, $"api/v1/assets/{asset["id"]}/packages?limit=500")).Select(p => (string)p["name"]!).Order(StringComparer.Ordinal)];

    /// <summary>The snapshots kept for rescans, by the subscription tag value they carry.</summary>
    private static Dictionary<string, string> KeptBySubscription(FakeAwsCloud cloud) =>
        cloud.SnapshotsOf(SharedAccount).Where(s => RunSnapshotTags.IsKept(s.Tags))
            .GroupBy(s => s.Tags[SnapshotTags.Subscription], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(s => s.Id).Order(StringComparer.Ordinal)), StringComparer.Ordinal);

    [GeneratedRegex(@"created subscription '[^']*' \(([0-9a-f-]{36})\)")]
    private static partial Regex CreatedSubscription();
}
