using System.Text.Json;
using Snapsight.Advisories.Filtering;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;

namespace Snapsight.Advisories.Tests.Matching.Trivy;

/// <summary>
/// The oracle for matching: Trivy's own integration goldens. Its fixture DB goes into our store,
/// its package list of the same image through our matcher, and the (id, package, installed
/// version, fixed version, status) set must equal the golden's exactly, neither more nor less.
/// </summary>
public sealed class TrivyGoldenTests
{
    public static TheoryData<string, string, string, string, string, string, string, bool> Images => new()
    {
        // golden, package list, package type, fixture yaml, Trivy bucket, os family, VERSION_ID, --ignore-unfixed
        { "debian-buster.json.golden", "debian-buster.json.golden", "dpkg", "debian.yaml", "debian 10", "debian", "10", false },
        { "debian-buster-ignore-unfixed.json.golden", "debian-buster.json.golden", "dpkg", "debian.yaml", "debian 10", "debian", "10", true },
        { "ubuntu-1804.json.golden", "ubuntu-18.04.json.golden", "dpkg", "ubuntu.yaml", "ubuntu 18.04", "ubuntu", "18.04", false },
        { "ubuntu-1804-ignore-unfixed.json.golden", "ubuntu-18.04.json.golden", "dpkg", "ubuntu.yaml", "ubuntu 18.04", "ubuntu", "18.04", true },
        { "alpine-310.json.golden", "alpine-310.json.golden", "apk", "alpine.yaml", "alpine 3.10", "alpine", "3.10.2", false },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Matching_Trivys_package_list_against_its_fixture_db_gives_its_golden_findings(
        string golden, string packageList, string type, string yaml, string bucket, string family, string versionId, bool ignoreUnfixed)
    {
        using var temp = new TempDirectory();
        var storePath = Path.Combine(temp.Path, "store.db");
        var os = new OperatingSystemInfo(family, family, versionId, versionId, null, "/etc/os-release");
        TrivyFixtureDb.WriteStore(storePath, yaml, new Dictionary<string, AdvisoryScope> { [bucket] = OsScopes.For(os)!.Value });

        var inventory = new InventoryResult(os, TrivyPackageList.Read(packageList, type), []);
        using var store = AdvisoryStore.Open(storePath);
        var result = VulnerabilityMatcher.Match(inventory, store);

        var findings = new ScanFilter { IgnoreUnfixed = ignoreUnfixed }.Apply(result.Findings, DateOnly.FromDateTime(DateTime.UtcNow));
        var ours = findings.Select(f => (f.Id, f.Package.Package.Name, f.Package.Package.Version, f.FixedVersion ?? "", AffectedStatusNames.Name(f.Status))).Order().ToList();
        Assert.Equal(Golden(golden), ours);
        Assert.Empty(result.Gaps);
    }

    private static List<(string, string, string, string, string)> Golden(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("golden", "trivy", file)));
        return document.RootElement.GetProperty("Results").EnumerateArray()
            .Where(r => r.TryGetProperty("Vulnerabilities", out _))
            .SelectMany(r => r.GetProperty("Vulnerabilities").EnumerateArray())
            .Select(v => (
                v.GetProperty("VulnerabilityID").GetString()!,
                v.GetProperty("PkgName").GetString()!,
                v.GetProperty("InstalledVersion").GetString()!,
                v.TryGetProperty("FixedVersion", out var f) ? f.GetString()! : "",
                v.GetProperty("Status").GetString()!))
            .Order()
            .ToList();
    }
}
