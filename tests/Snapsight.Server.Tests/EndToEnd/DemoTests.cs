using System.Net;
using static Snapsight.Server.Tests.EndToEnd.ApiJson;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// <c>snapsight demo --once</c> against the real fleet images of tests/images/build-demo-fleet, then the same
/// data folder served again and asked through the API whether each step of the walk happened and every
/// instance was scanned. The expected fleet comes from the script's fleet.tsv, its <c>rpm -qa</c> oracle and the
/// local cloud's own files, not from the demo's output.
/// </summary>
public sealed class DemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_once_sets_up_zero_touch_through_the_api_and_scans_every_instance()
    {
        using var temp = new TempDirectory();
        var demo = DemoFleet.RunOnce(temp.File("demo"), output);
        var data = demo.DataDirectory;

        var fleet = DemoFleet.FleetRows();
        var accounts = fleet.Select(f => f[1]).Distinct().ToList();
        var instances = Directory.GetFiles(Path.Combine(data, "cloud", "accounts"), "instance.json", SearchOption.AllDirectories);
        Assert.Equal(fleet.Count, instances.Length);
        // --once ends when every scan is over, its snapshots deleted (published or staged) included.
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "cloud"), "snapshot.json", SearchOption.AllDirectories));

        await using var server = new ServerProcess(data);
        await server.StartAsync();
        using var http = await demo.SignInAsync(server);

        var connectors = Items(await GetAsync(http, "api/v1/connectors"));
        Assert.Equal(accounts.Select(Arn).Order(), connectors.Select(c => (string)c["roleArn"]!).Order());
        Assert.All(connectors, c => Assert.True((bool)c["zeroTouchSnapshot"]!, $"zero-touch off on {c["name"]}"));
        var service = await GetAsync(http, "api/v1/service-account");
        Assert.Equal((accounts[0], "registered"), ((string)service["accountId"]!, (string)service["state"]!));
        var targets = Items(await GetAsync(http, "api/v1/target-accounts"));
        Assert.Equal(accounts.Order(), targets.Select(t => (string)t["accountId"]!).Order());
        Assert.All(targets, t => Assert.Equal("registered", (string)t["state"]!));
        var tokens = Items(await GetAsync(http, "api/v1/subscription-tokens"));
        Assert.Equal("active", (string)Assert.Single(tokens)["state"]!);
        // Through the API, not behind it: every change is in the audit log, in the documented order.
        var audit = Items(await GetAsync(http, "api/v1/audit?limit=500")).Select(e => (string)e["action"]!).Reverse().ToList();
        Assert.Equal(
            [.. accounts.Select(_ => "connector.create"), "service-account.register", .. accounts.Select(_ => "target-account.register"),
             .. accounts.Select(_ => "connector.change")],
            audit.Where(a => a.StartsWith("connector.", StringComparison.Ordinal) || a.EndsWith(".register", StringComparison.Ordinal)));

        // Every instance of the local cloud is an asset, scanned: its latest workflow run done and a stored run current.
        var expected = instances.Select(i => Path.GetFileName(Path.GetDirectoryName(i)!)).Order();
        var assets = Items(await GetAsync(http, "api/v1/assets?limit=500"));
        Assert.Equal(expected, assets.Select(a => (string)a["instanceId"]!).Order());
        foreach (var asset in assets)
        {
            var latest = Items(await GetAsync(http, $"api/v1/scans?assetId={asset["id"]}"))[0];
            Assert.Equal("Done", (string)latest["state"]!);
            Assert.Contains(Items(await GetAsync(http, $"api/v1/assets/{asset["id"]}/runs")), r => (bool)r["current"]!);
        }

        // What the scans found, against the images' own makings: the Debian trees have openssh-server by dpkg
        // (mmdebstrap --include), the AlmaLinux root's rpm database names the packages its findings are in.
        var release = fleet.ToDictionary(f => f[0], f => f[3], StringComparer.Ordinal);
        var debian = assets.First(a => release[(string)a["name"]!].StartsWith("debian", StringComparison.Ordinal));
        var debianPackages = Items(await GetAsync(http, $"api/v1/assets/{debian["id"]}/packages?limit=500"));
        Assert.Contains(debianPackages, p => (string)p["type"]! == "dpkg" && (string)p["name"]! == "openssh-server");
        var alma = assets.Single(a => release[(string)a["name"]!].StartsWith("almalinux", StringComparison.Ordinal));
        var rpmNames = DemoFleet.AlmaPackageNames();
        var almaFindings = Items(await GetAsync(http, $"api/v1/assets/{alma["id"]}/findings?limit=500"));
        Assert.NotEmpty(almaFindings);
        Assert.All(almaFindings, f => Assert.Contains((string)f["packageName"]!, rpmNames));
        Assert.Contains($"scans: {fleet.Count} of {fleet.Count} assets done", demo.Demo.Stdout, StringComparison.Ordinal);
    }

    private static string Arn(string account) => $"arn:aws:iam::{account}:role/snapsight/SnapsightTarget";
}
