using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Advisories.Import;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Discovery;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Scanning;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Discovery;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The whole zero-touch path in one server, nothing faked: discovery finds a real Debian 12
/// machine (root volume plus the data volume its fstab mounts) in the local cloud and auto-activates
/// it, the planner starts its run, the workflow snapshots it, the real scanner reads the snapshots
/// against an advisories.db imported into the data folder, and the result store keeps the result.
/// Checked through the HTTP API against oracles taken apart from Snapsight: dpkg-query on the
/// image's tree for the packages, and advisories written for chosen source packages for the findings.
/// A second machine whose disk holds no operating system ends failed as unsupported_os. Either way
/// no snapshot is left.
/// </summary>
public sealed class ZeroTouchScanTests
{
    private static readonly FixtureScript DebianImages = new("build-debian-images");

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_discovered_debian_machine_is_scanned_with_its_packages_and_findings_and_a_disk_without_an_os_fails(
        DatabaseProvider database)
    {
        using var temp = new TempDirectory();
        await using var server = await RunningServer.StartAsync(database, control => control with
        {
            Discovery = new DiscoverySettings { Enabled = true, CheckEvery = TimeSpan.FromSeconds(1) },
            Scans = new ScanWorkflowOptions
            {
                Enabled = true, DriveInterval = TimeSpan.FromMilliseconds(200), SnapshotPollInterval = TimeSpan.FromMilliseconds(200),
                BaseRetryDelay = TimeSpan.FromMilliseconds(200), MaxRetryDelay = TimeSpan.FromSeconds(1),
            },
        });
        var installed = InstalledPackages();
        var expectedFindings = await ImportAdvisoriesAsync(temp, installed, Path.Combine(server.DataDirectory, SnapshotScanSettings.DefaultFileName));

        var tenant = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        var scope = new CloudScope(accountId, "eu-west-1");
        var fleet = new LocalFleet(server);
        var debian = await fleet.AddInstanceAsync(scope, "10.0.0.1",
            [Path.Combine(DebianImages.Folder, "root-ext4.img"), Path.Combine(DebianImages.Folder, "data-ext4.img")]);
        var bare = await fleet.AddInstanceAsync(scope, "10.0.0.2", [FilesOnlyVolume(temp)]);
        await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().Connectors
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ZeroTouchSnapshot, true)));

        var runs = await EndedRunsAsync(tenant, [debian, bare]);
        var debianRun = runs[debian];
        Assert.True(debianRun.State == ScanRunState.Done, $"the Debian machine's run ended {debianRun.State}: {debianRun.ReasonCode} {debianRun.LastError}");
        Assert.Equal(ScanRunState.Failed, runs[bare].State);
        Assert.Equal(ScanReasons.UnsupportedOs, runs[bare].ReasonCode);
        Assert.Equal(0, LocalSnapshots.OnDisk(fleet.Builder.Layout));

        var assetId = debianRun.AssetId;
        var packages = await AllAsync(tenant.Admin, $"api/v1/assets/{assetId}/packages");
        Assert.Equal(installed.Select(p => $"{p.Name} {p.Version}").Order(StringComparer.Ordinal),
            packages.Where(p => (string)p["type"]! == "dpkg").Select(p => $"{p["name"]} {p["version"]}").Order(StringComparer.Ordinal));

        var findings = await AllAsync(tenant.Admin, $"api/v1/assets/{assetId}/findings");
        Assert.NotEmpty(findings);
        var packageNames = packages.Select(p => (string)p["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.All(findings, f => Assert.Contains((string)f["packageName"]!, packageNames));
        Assert.Equal(expectedFindings.Order(StringComparer.Ordinal),
            findings.Select(f => $"{f["vulnerabilityId"]} {f["packageName"]}").Where(f => f.StartsWith("TEST-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        await AssertSbomAsync(tenant.Admin, assetId, "cyclonedx", sbom => Assert.Equal("CycloneDX", (string?)sbom["bomFormat"]));
        await AssertSbomAsync(tenant.Admin, assetId, "spdx", sbom => Assert.StartsWith("SPDX-", (string?)sbom["spdxVersion"], StringComparison.Ordinal));

        var asset = await tenant.Admin.GetFromJsonAsync<JsonObject>($"api/v1/assets/{assetId}");
        Assert.NotNull(asset!["lastScanCompletedAt"]);
        var stored = Assert.Single(await AllAsync(tenant.Admin, $"api/v1/assets/{assetId}/runs"));
        Assert.True((long)stored["bytesRead"]! > 0 && (long)stored["readRequests"]! > 0, stored.ToJsonString());
        Assert.Equal(packages.Count, (int)stored["packages"]!);
    }

    /// <summary>The oracle: what dpkg itself says is installed in the image's tree (status "ii").</summary>
    private static List<(string Name, string Version, string Source, string SourceVersion)> InstalledPackages()
    {
        var admin = Path.Combine(DebianImages.Folder, "rootfs", "var", "lib", "dpkg");
        return [.. Tool.Run("dpkg-query", $"--admindir={admin}", "-W", "-f", "${db:Status-Abbrev}\t${Package}\t${Version}\t${source:Package}\t${source:Version}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields[0].StartsWith("ii", StringComparison.Ordinal))
            .Select(fields => (fields[1], fields[2], fields[3], fields[4]))];
    }

    /// <summary>
    /// Imports the real Debian tracker and KEV feeds of the shared data, plus one Debian 12 advisory
    /// per chosen source package fixed just above its installed version (so dpkg orders the installed
    /// one lower); answers the "id package" pairs those advisories must yield, one per binary of the source.
    /// </summary>
    private static async Task<List<string>> ImportAdvisoriesAsync(TempDirectory temp,
        List<(string Name, string Version, string Source, string SourceVersion)> installed, string database)
    {
        var feeds = Directory.CreateDirectory(temp.File("osv")).FullName;
        var chosen = installed.GroupBy(p => (p.Source, p.SourceVersion)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).Take(5).ToList();
        var expected = new List<string>();
        foreach (var (source, i) in chosen.Select((s, i) => (s, i)))
        {
            var id = $"TEST-{i:D3}";
            var fix = source.Key.SourceVersion + "+deb12u99";
            Assert.True(Tool.Succeeds("dpkg", "--compare-versions", source.Key.SourceVersion, "lt", fix));
            var record = new JsonObject
            {
                ["schema_version"] = "1.6.0", ["id"] = id, ["modified"] = "2026-01-01T00:00:00Z",
                ["affected"] = new JsonArray(new JsonObject
                {
                    ["package"] = new JsonObject { ["ecosystem"] = "Debian:12", ["name"] = source.Key.Source },
                    ["ranges"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "ECOSYSTEM",
                        ["events"] = new JsonArray(new JsonObject { ["introduced"] = "0" }, new JsonObject { ["fixed"] = fix }),
                    }),
                }),
            };
            await File.WriteAllTextAsync(Path.Combine(feeds, id + ".json"), record.ToJsonString());
            expected.AddRange(source.Select(binary => $"{id} {binary.Name}"));
        }

        var shared = Path.Combine(Repository.Root, "..", "shared", "data", "advisories");
        var summary = await StoreImporter.ImportAsync(database,
            [feeds, Path.Combine(shared, "debian", "vunnel", "debian", "test-fixtures", "input", "debian.json"),
             Path.Combine(shared, "kev", "cisagov-full", "known_exploited_vulnerabilities.json")], null, CancellationToken.None);
        // Every file was read as a feed and gave records: the real ones are in the database, not skipped.
        Assert.Empty(summary.Unrecognised);
        Assert.Equal(3, summary.Feeds.Count);
        Assert.All(summary.Feeds, feed => Assert.True(feed.Records > 0, $"{feed.Source} gave no records"));
        return expected;
    }

    /// <summary>An ext4 volume with a few ordinary files and nothing an operating system would have.</summary>
    private static string FilesOnlyVolume(TempDirectory temp)
    {
        var tree = Directory.CreateDirectory(temp.File("files-tree")).FullName;
        File.WriteAllText(Path.Combine(tree, "notes.txt"), "just some notes\n");
        Directory.CreateDirectory(Path.Combine(tree, "photos"));
        File.WriteAllBytes(Path.Combine(tree, "photos", "holiday.bin"), new byte[4096]);
        var image = temp.File("files.img");
        Tool.Run("truncate", "-s", "16M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, image);
        return image;
    }

    /// <summary>Waits, up to ten minutes of real time, until each instance's asset has a run that ended; answers them by instance.</summary>
    private static async Task<Dictionary<string, ScanRun>> EndedRunsAsync(TestTenant tenant, IReadOnlyList<string> instances)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            var ended = await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().ScanRuns.AsNoTracking()
                .Where(r => r.FinishedAt != null && instances.Contains(r.InstanceId)).ToListAsync());
            if (ended.Select(r => r.InstanceId).Distinct().Count() == instances.Count)
            {
                return ended.ToDictionary(r => r.InstanceId);
            }

            Assert.True(DateTime.UtcNow < deadline, $"only {ended.Count} of {instances.Count} runs ended within ten minutes");
            await Task.Delay(500);
        }
    }

    private static async Task<List<JsonNode>> AllAsync(HttpClient client, string path)
    {
        var items = new List<JsonNode>();
        while (true)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"{path}?offset={items.Count}&limit=500"))!;
            var batch = page["items"]!.AsArray();
            items.AddRange(batch.Select(i => i!));
            if (batch.Count == 0 || items.Count >= (int)page["total"]!)
            {
                return items;
            }
        }
    }

    private static async Task AssertSbomAsync(HttpClient client, Guid assetId, string format, Action<JsonObject> check)
    {
        using var response = await client.GetAsync($"api/v1/assets/{assetId}/sbom?format={format}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        check(JsonNode.Parse(text)!.AsObject());
    }
}
