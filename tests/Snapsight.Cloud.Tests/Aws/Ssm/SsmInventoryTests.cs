using Snapsight.Advisories.Import;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Store;
using Snapsight.Cli.Tests.Scan;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Aws.Sdk;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;
using Snapsight.Scanning;

namespace Snapsight.Cloud.Tests.Aws.Ssm;

/// <summary>
/// API-based assessment through the AWS provider and the fake's SSM endpoint: the inventory the
/// agent of the real Debian 12 image would report (made by dpkg-query, <see cref="SsmAgentOracle"/>)
/// is read page by page with the target role, becomes the scanner's package inventory, and matches
/// as a snapshot scan of the same image does wherever both see the same packages.
/// </summary>
public sealed class SsmInventoryTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_provider_reads_every_page_of_the_agents_inventory_as_the_target_role_and_nothing_for_an_instance_without_one()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var rootfs = DebianImages.Path("rootfs");
        var managed = fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string>(), [(TestVolumes.Raw, "/dev/xvda", null)], fleet.LaunchTime);
        fleet.Cloud.AddSsmNode(managed, SsmAgentOracle.Node(rootfs, Captured));
        var rows = SsmAgentOracle.DpkgRows(rootfs);

        var inventory = await fleet.Aws.ReadSsmInventoryAsync(fleet.Owner, managed.Id, CancellationToken.None);

        Assert.NotNull(inventory);
        Assert.Equal(new SsmPlatform("Linux", "Debian GNU/Linux", "12"), inventory.Platform);
        Assert.Equal(Captured, inventory.CaptureTime);
        // More than two pages of 50.
        Assert.True(rows.Count > 100, $"{rows.Count} packages");
        Assert.Equal(rows.Select(r => (r[0], r[1], $"{r[0]}_{r[1]}_{r[2]}.deb")),
            inventory.Applications.Select(a => (a.Name, a.Version, a.PackageId!)));
        Assert.Null(await fleet.Aws.ReadSsmInventoryAsync(fleet.Owner, fleet.InstanceId, CancellationToken.None));
        // A region the account does not work in is not found, before any call.
        var elsewhere = await Assert.ThrowsAsync<CloudProviderException>(() =>
            fleet.Aws.ReadSsmInventoryAsync(new CloudScope(fleet.Owner.AccountId, "us-east-1"), managed.Id, CancellationToken.None));
        Assert.Equal(CloudErrorCode.NotFound, elsewhere.Code);
        Assert.Empty(fleet.Cloud.Denials);
    }

    [Fact]
    public async Task An_inventory_whose_pages_never_end_is_refused_as_corrupt_instead_of_read_for_ever()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var managed = fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string>(), [(TestVolumes.Raw, "/dev/xvda", null)], fleet.LaunchTime);
        fleet.Cloud.AddSsmNode(managed, SsmAgentOracle.Node(DebianImages.Path("rootfs"), Captured));
        fleet.Cloud.Faults.RepeatNextToken = true;

        var refused = await Assert.ThrowsAsync<CloudProviderException>(() => fleet.Aws.ReadSsmInventoryAsync(fleet.Owner, managed.Id, CancellationToken.None));

        Assert.Equal(CloudErrorCode.Corrupt, refused.Code);
        Assert.Contains("repeated its NextToken", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_based_findings_agree_with_the_snapshot_scans_wherever_both_see_the_same_packages()
    {
        using var temp = new TempDirectory();
        var advisories = DebianAdvisoryFixture.Write(Directory.CreateDirectory(temp.File("feeds")).FullName);
        var db = temp.File("advisories.db");
        await StoreImporter.ImportAsync(db, [advisories.Folder], null, CancellationToken.None);
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { ReadAheadBlocks = 32 });
        var rootfs = DebianImages.Path("rootfs");
        var debian = fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string> { ["Name"] = "debian" },
            [(DebianImages.Path("root-ext4.img"), "/dev/xvda", null)], fleet.LaunchTime);
        fleet.Cloud.AddSsmNode(debian, SsmAgentOracle.Node(rootfs, Captured));

        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, debian.Id, ContractTags.Run("scan-1"), CancellationToken.None);
        await fleet.CompletePendingAsync();
        using var device = await fleet.Provider.OpenSnapshotAsync(fleet.Owner, Assert.Single(set).Id, CancellationToken.None);
        var snapshot = await ScanPipeline.RunAsync("snapshot", [new ScanVolume(debian.Volumes[0].Id, device)], new ScanOptions { AdvisoryStorePath = db });
        var api = SsmInventoryMapping.ToInventory((await fleet.Aws.ReadSsmInventoryAsync(fleet.Owner, debian.Id, CancellationToken.None))!);
        using var store = AdvisoryStore.Open(db);
        var apiMatch = VulnerabilityMatcher.Match(api, store);

        // Both see the packages dpkg lists, with dpkg's versions and architectures.
        var rows = SsmAgentOracle.DpkgRows(rootfs);
        var dpkg = rows.Select(r => (r[0], r[1], r[2])).Order().ToList();
        Assert.Equal(dpkg, api.Packages.Select(p => (p.Package.Name, p.Package.Version, p.Package.Arch!)).Order());
        Assert.Equal(dpkg, snapshot.Inventory.Packages.Where(p => p.Package.Type == "dpkg").Select(p => (p.Package.Name, p.Package.Version, p.Package.Arch!)).Order());
        Assert.Equal(("debian", "12"), (api.Os!.Family, api.Os.VersionId));
        Assert.Equal(snapshot.Os!.VersionId, api.Os.VersionId);

        // Where a binary is its own source at the same version, the two assessments must find the same, and what dpkg decided.
        var selfSourced = rows.Where(r => r[0] == r[3] && r[1] == r[4]).Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var expected = advisories.Expected.Where(e => selfSourced.Contains(e.Package)).Order().ToList();
        Assert.NotEmpty(expected);
        foreach (var findings in new[] { apiMatch.Findings, snapshot.Findings })
        {
            Assert.Equal(expected, findings.Where(f => selfSourced.Contains(f.Package.Package.Name)).Select(f => (f.Id, f.Package.Package.Name)).Order());
        }

        // Elsewhere the API-based assessment can only miss (it knows no source names), never invent, and says so.
        Assert.Subset(snapshot.Findings.Select(f => (f.Id, f.Package.Package.Name)).ToHashSet(), apiMatch.Findings.Select(f => (f.Id, f.Package.Package.Name)).ToHashSet());
        Assert.Contains(api.Gaps, g => g.Reason.Contains("source package", StringComparison.Ordinal));
        Assert.Empty(fleet.Cloud.Denials);
    }
}
