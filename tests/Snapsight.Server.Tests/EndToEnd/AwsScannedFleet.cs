using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapsight.AwsFake.Cloud;
using Snapsight.Cloud;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;
using static Snapsight.Server.Tests.EndToEnd.ApiJson;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// The demo's fleet (tests/images/build-demo-fleet: real Debian and AlmaLinux disks) on the loopback AWS fake, served
/// by <c>snapsight server --cloud aws</c> in a process of its own: its EC2, STS and EBS endpoints point at the fake
/// and its base credentials (from the SDK's default chain, here AWS_ACCESS_KEY_ID) are the fake's scanning role's.
/// Set up as a customer would, through the API: connectors, the templates' roles deployed in the fake with each
/// connector's external ID, the service and target accounts registered through the call-backs, zero-touch on; then
/// discovery and the first scans of every instance run on their own. The fake completes pending snapshots four times
/// a second, as EBS does in minutes.
/// </summary>
public sealed partial class AwsScannedFleet : IScannedFleet
{
    public const string Username = "admin";
    public const string Password = "aws-fleet-admin-password";

    private const string StsRegion = "eu-west-1";

    /// <summary>Discovery and the first scans of five instances, on a loaded two-core machine.</summary>
    private static readonly TimeSpan FirstScansTimeout = TimeSpan.FromMinutes(6);

    private readonly FakeAwsServer endpoint;
    private readonly Timer completer;

    private AwsScannedFleet(ServerProcess server, FakeAwsCloud cloud, Guid subscription)
    {
        (Server, Cloud, Subscription) = (server, cloud, subscription);
        endpoint = new FakeAwsServer(cloud);
        completer = new Timer(_ => cloud.CompletePending(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    public ServerProcess Server { get; }

    public FakeAwsCloud Cloud { get; }

    public Guid Subscription { get; }

    /// <summary>The fleet's accounts: the first is the service account (and a target too, as in the demo).</summary>
    public static IReadOnlyList<string> Accounts => [.. DemoFleet.FleetRows().Select(r => r[1]).Distinct()];

    public static IReadOnlyList<string> Regions => [.. DemoFleet.FleetRows().Select(r => r[2]).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Denials => Cloud.Denials;

    /// <summary>Sets the fleet up and waits for every instance's first scan to end.</summary>
    public static async Task<AwsScannedFleet> StartAsync(TempDirectory temp, DatabaseProvider database, ITestOutputHelper output)
    {
        var server = new ServerProcess(database) { LogFile = temp.File("server.log") };
        var init = server.Init("aws-fleet", Username, Password);
        Assert.True(init.ExitCode == 0, init.Stderr);
        var subscription = Guid.Parse(CreatedSubscription().Match(init.Stdout).Groups[1].Value);
        var import = SnapsightCommand.Run(["db", "import", DemoFleet.AlmaLinuxAdvisories, "--db", Path.Combine(server.DataDirectory, "advisories.db")]);
        Assert.True(import.ExitCode == 0, import.Stderr);

        var rows = DemoFleet.FleetRows();
        var cloud = new FakeAwsCloud(rows[0][1], [.. rows.Select(r => r[2]).Distinct().Order(StringComparer.Ordinal)],
            SnapshotTags.SubscriptionValue(subscription.ToString()));
        var launch = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            var volumes = row[4].Split(' ').Select((image, device) =>
                (Path.Combine(DemoFleet.Images.Folder, image), device == 0 ? "/dev/xvda" : $"/dev/xvd{(char)('f' + device - 1)}", (string?)null)).ToList();
            cloud.AddInstance(row[1], row[2], new Dictionary<string, string> { ["Name"] = row[0] }, volumes, launch,
                IPAddress.Parse($"10.0.0.{index + 10}"));
        }

        var fleet = new AwsScannedFleet(server, cloud, subscription);
        foreach (var (name, value) in Environment(fleet.endpoint, cloud))
        {
            server.Environment[name] = value;
        }

        await server.StartAsync();
        using var http = await fleet.SignInAsync();
        await fleet.SetUpAccountsAsync(http);
        await fleet.WaitForFirstScansAsync(http, rows.Count, output);
        return fleet;
    }

    public Task<HttpClient> SignInAsync() => ApiJson.SignInAsync(Server, Username, Password);

    /// <summary>
    /// What <c>snapsight server --cloud aws</c> is started with to run against the fake: its endpoints, and base
    /// credentials (the SDK's default chain reads AWS_ACCESS_KEY_ID) that are the fake's scanning role's.
    /// </summary>
    public static Dictionary<string, string> Environment(FakeAwsServer endpoint, FakeAwsCloud cloud) => new()
    {
        ["SNAPSIGHT_CLOUD"] = "aws",
        ["SNAPSIGHT_AWS_STS_REGION"] = StsRegion,
        ["SNAPSIGHT_AWS_EC2_ENDPOINT"] = endpoint.Endpoint.ToString(),
        ["SNAPSIGHT_AWS_STS_ENDPOINT"] = endpoint.Endpoint.ToString(),
        ["SNAPSIGHT_AWS_SSM_ENDPOINT"] = endpoint.Endpoint.ToString(),
        ["SNAPSIGHT_AWS_KMS_ENDPOINT"] = endpoint.Endpoint.ToString(),
        ["SNAPSIGHT_AWS_EBS_ENDPOINT"] = cloud.Ebs.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = cloud.ScanningKeys.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = cloud.ScanningKeys.SecretAccessKey,
        // Nothing else of the default chain is consulted: no instance metadata service here.
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["SNAPSIGHT_DISCOVERY_CHECK_SECONDS"] = "1",
    };

    /// <summary>Each life of the server meets a few EC2 5xx answers, throttled snapshot creations and failed block reads.</summary>
    public void Disturb(Random random)
    {
        Cloud.Faults.FailNextEc2Requests = random.Next(4);
        Cloud.Faults.ThrottleNextCreateSnapshots = random.Next(4);
        Cloud.Ebs.Faults.FailNextGetSnapshotBlock = random.Next(4);
    }

    /// <summary>
    /// The snapshots the server keeps for incremental rescans (docs/aws.md): tagged kept, the newest of
    /// its volume, one per volume; anything else the fake still holds is left over.
    /// </summary>
    public IReadOnlyList<FakeSnapshotRecord> KeptForRescans() =>
    [
        .. Accounts.SelectMany(Cloud.SnapshotsOf)
            .Where(s => s.Tags.GetValueOrDefault(SnapshotTags.Kept) == SnapshotTags.KeptValue)
            .GroupBy(s => s.VolumeId, StringComparer.Ordinal)
            .Where(volume => volume.Count() == 1)
            .SelectMany(volume => volume),
    ];

    /// <summary>Every snapshot any account of the fake still holds but the ones kept for rescans.</summary>
    public async Task<List<string>> LeftoverSnapshotsAsync(HttpClient http)
    {
        var kept = KeptForRescans().Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var leftovers = new List<string>();
        foreach (var snapshot in Accounts.SelectMany(Cloud.SnapshotsOf).Where(s => !kept.Contains(s.Id)))
        {
            leftovers.Add(await LeftoverSnapshot.DescribeAsync(http, Server.LogFile!,
                $"{snapshot.Id} of {snapshot.Volume.Id} in {snapshot.OwnerId}/{snapshot.Region} ({snapshot.State})", snapshot.Tags));
        }

        return leftovers;
    }

    public async ValueTask DisposeAsync()
    {
        await completer.DisposeAsync();
        await Server.DisposeAsync();
        endpoint.Dispose();
        Cloud.Dispose();
    }

    /// <summary>
    /// What a customer does (docs/aws.md): a connector per account, the target template deployed with its external ID
    /// (here: the fake's role trusting it), the service and target accounts registered by the templates' call-backs
    /// with a subscription token, and zero-touch scanning turned on.
    /// </summary>
    private async Task SetUpAccountsAsync(HttpClient http)
    {
        var issued = await SendAsync(http, HttpMethod.Post, "qas/subscription-token", new JsonObject { ["expiry"] = 86_400 });
        using var callBacks = new HttpClient { BaseAddress = http.BaseAddress };
        callBacks.DefaultRequestHeaders.Authorization = new("Bearer", (string)issued["token"]!);
        var connectors = new List<string>();
        foreach (var account in Accounts)
        {
            var service = account == Cloud.ServiceAccountId;
            var connector = await SendAsync(http, HttpMethod.Post, "api/v1/connectors", new JsonObject
            {
                ["name"] = $"aws-{account}",
                ["applications"] = service ? new JsonArray("VulnerabilityScanning", "Cspm") : new JsonArray("VulnerabilityScanning"),
                ["accountType"] = "commercial",
                ["pollingFrequencyHours"] = 1,
                ["roleArn"] = $"arn:aws:iam::{account}:role/snapsight/snapsight-target",
                ["regions"] = Strings(Regions),
                ["autoActivate"] = true,
            });
            connectors.Add((string)connector["id"]!);
            Cloud.AddTargetAccount(account, (string)connector["externalId"]!, Regions);
        }

        var registered = await SendAsync(callBacks, HttpMethod.Post, "conn/snapshot/v1.0/register-service-account",
            new JsonObject { ["accountId"] = Cloud.ServiceAccountId, ["regions"] = Strings(Regions), ["targetRegions"] = Strings(Regions) });
        Assert.True((string?)registered["state"] == "registered", registered.ToJsonString());
        foreach (var account in Accounts)
        {
            var target = await SendAsync(callBacks, HttpMethod.Post, "conn/snapshot/v1.0/register-target-account", new JsonObject
            {
                ["accountId"] = account, ["roleArn"] = $"arn:aws:iam::{account}:role/snapsight/snapsight-target", ["regions"] = Strings(Regions),
            });
            Assert.True((string?)target["state"] == "registered", target.ToJsonString());
        }

        foreach (var connector in connectors)
        {
            await SendAsync(http, HttpMethod.Patch, $"api/v1/connectors/{connector}", new JsonObject { ["zeroTouchSnapshot"] = true });
        }
    }

    /// <summary>Waits until every instance is an asset whose first scan ended and no run is active.</summary>
    private async Task WaitForFirstScansAsync(HttpClient http, int instances, ITestOutputHelper output)
    {
        var deadline = DateTime.UtcNow + FirstScansTimeout;
        while (true)
        {
            var assets = Items(await GetAsync(http, "api/v1/assets?limit=500"));
            var ended = Items(await GetAsync(http, "api/v1/scans?limit=500")).Where(r => (string?)r["finishedAt"] is not null)
                .Select(r => (string)r["assetId"]!).ToHashSet(StringComparer.Ordinal);
            var active = (int)(await GetAsync(http, "api/v1/scans?active=true&limit=1"))["total"]!;
            if (assets.Count == instances && assets.All(a => ended.Contains((string)a["id"]!)) && active == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                output.WriteLine((await GetAsync(http, "api/v1/scans?limit=500")).ToJsonString());
                Assert.Fail($"{assets.Count} of {instances} instances discovered and {ended.Count} scanned in {FirstScansTimeout}; "
                    + $"denials: {string.Join("; ", Cloud.Denials)}");
            }

            await Task.Delay(500);
        }
    }

    [GeneratedRegex(@"created subscription '[^']*' \(([0-9a-f-]{36})\)")]
    private static partial Regex CreatedSubscription();
}
