using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;
using static Snapsight.Server.Tests.EndToEnd.ApiJson;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// Issue 8 end to end: <c>snapsight server --cloud aws</c>, on PostgreSQL, against the loopback AWS fake. The accounts
/// are registered through the templates' call-backs and validated on AWS (the target roles assumed with their
/// connectors' external IDs, the service account being the server's own credentials'); discovery finds the demo's
/// five instances in two accounts and two regions; each is scanned, reading its snapshots in place with the EBS direct
/// APIs; results are stored; no snapshot is left; no call needed more than the templates grant.
/// </summary>
public sealed class AwsServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_server_on_AWS_registers_discovers_scans_stores_and_keeps_only_one_snapshot_per_volume_within_the_templates_grants()
    {
        using var temp = new TempDirectory();
        await using var fleet = await AwsScannedFleet.StartAsync(temp, DatabaseProvider.PostgreSql, output);
        using var http = await fleet.SignInAsync();

        var service = await GetAsync(http, "api/v1/service-account");
        Assert.Equal((fleet.Cloud.ServiceAccountId, "registered"), ((string)service["accountId"]!, (string)service["state"]!));
        Assert.All(Items(await GetAsync(http, "api/v1/target-accounts")), t => Assert.Equal("registered", (string)t["state"]!));

        // Every instance of the fake is an asset of its account and region, scanned: the latest run done, a stored run current.
        var rows = DemoFleet.FleetRows();
        var assets = Items(await GetAsync(http, "api/v1/assets?limit=500"));
        Assert.Equal(rows.Select(r => $"{r[0]} {r[1]} {r[2]}").Order(StringComparer.Ordinal),
            assets.Select(a => $"{a["name"]} {a["cloudAccountId"]} {a["region"]}").Order(StringComparer.Ordinal));
        foreach (var asset in assets)
        {
            var latest = Items(await GetAsync(http, $"api/v1/scans?assetId={asset["id"]}"))[0];
            Assert.True((string)latest["state"]! == "Done", latest.ToJsonString());
            Assert.Contains(Items(await GetAsync(http, $"api/v1/assets/{asset["id"]}/runs")), r => (bool)r["current"]!);
        }

        // What the scans read over EBS, against the images' own makings: each Debian instance's dpkg packages are the
        // ones dpkg-query lists from the tree its disk was built from; the AlmaLinux findings are in rpm's packages.
        foreach (var row in rows.Where(r => r[3].StartsWith("debian", StringComparison.Ordinal)))
        {
            var asset = assets.Single(a => (string)a["name"]! == row[0]);
            var packages = Items(await GetAsync(http, $"api/v1/assets/{asset["id"]}/packages?limit=500"))
                .Where(p => (string)p["type"]! == "dpkg").Select(p => (string)p["name"]!).Order(StringComparer.Ordinal);
            Assert.Equal(InstalledDebianPackages(temp, row[0].Split('-')[0]), packages);
        }

        var alma = assets.Single(a => (string)a["name"]! == "alma-legacy");
        var findings = Items(await GetAsync(http, $"api/v1/assets/{alma["id"]}/findings?limit=500"));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Contains((string)f["packageName"]!, DemoFleet.AlmaPackageNames()));

        // What stays is one kept snapshot per scanned volume, for the next scan to read only what changed.
        Assert.Empty(await fleet.LeftoverSnapshotsAsync(http));
        Assert.Equal(assets.SelectMany(a => fleet.Cloud.Instance((string)a["instanceId"]!)!.Volumes).Select(v => v.Id).Order(StringComparer.Ordinal),
            fleet.KeptForRescans().Select(s => s.VolumeId).Order(StringComparer.Ordinal));

        Assert.Empty(fleet.Cloud.Denials);
    }

    /// <summary>dpkg-query's list of the installed packages of the demo's tarball of <paramref name="release"/> (its dpkg status file only).</summary>
    private static List<string> InstalledDebianPackages(TempDirectory temp, string release)
    {
        var tree = temp.File($"tree-{release}");
        Directory.CreateDirectory(tree);
        Tool.Run("tar", "-xf", Path.Combine(DemoFleet.Images.Folder, $"{release}-minbase-openssh.tar"), "-C", tree, "./var/lib/dpkg/status");
        return [.. Tool.Run("dpkg-query", "--admindir", Path.Combine(tree, "var", "lib", "dpkg"), "-W", "-f", "${db:Status-Abbrev} ${Package}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("ii ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .Order(StringComparer.Ordinal)];
    }
}
