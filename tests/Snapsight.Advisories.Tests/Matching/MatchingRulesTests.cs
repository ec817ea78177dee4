using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Tests.Matching;

/// <summary>
/// The matching rules that the oracle tests' data does not reach, each on a store written for it:
/// alias merging across feeds, module streams, and which severity wins. Expected values follow
/// from the rules in docs/advisories/matching.md, with rpm order decided by rpm itself.
/// </summary>
public sealed class MatchingRulesTests
{
    private static readonly AdvisoryScope Alma9 = new(Ecosystems.AlmaLinux, "9");
    private static readonly OperatingSystemInfo Alma = new("almalinux", "AlmaLinux", "9.3", "9.3", null, "/etc/os-release");

    [Fact]
    public void An_advisory_and_the_cve_it_names_are_one_finding_fixed_where_both_feeds_agree()
    {
        var findings = Match(
            [
                Record("ALSA-2024:1", "osv:AlmaLinux", ["CVE-2024-1"], Severity.High, Range("curl", fixedVersion: "7.76.1-30.el9")),
                Record("CVE-2024-1", "redhat-csaf", [], Severity.Unknown, Range("curl", fixedVersion: "7.76.1-31.el9")),
            ],
            [Rpm("curl", "7.76.1-26.el9")],
            writer => writer.Add(new EpssScore("CVE-2024-1", 0.5, 0.9)));

        var finding = Assert.Single(findings);
        Assert.Equal("CVE-2024-1", finding.Id);
        Assert.Equal(["ALSA-2024:1"], finding.Aliases);
        Assert.Equal(1, RpmSays("7.76.1-31.el9", "7.76.1-30.el9")); // the higher fix, as rpm orders them
        Assert.Equal("7.76.1-31.el9", finding.FixedVersion);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("osv:AlmaLinux", finding.SeveritySource);
        Assert.Equal(0.5, finding.Epss?.Score);
        Assert.Equal(2, finding.Sources.Count);
    }

    [Fact]
    public void A_modular_package_meets_only_fixes_of_its_own_stream_and_a_plain_one_only_plain_fixes()
    {
        var record = Record("ALSA-2024:2", "osv:AlmaLinux", [], Severity.Medium,
            Range("nodejs", fixedVersion: "1:18.19.0-1.module_el9.3.0+1+a", module: "nodejs:18"),
            Range("nodejs", fixedVersion: "1:16.20.2-1.el9"));
        var stream18 = Rpm("nodejs", "18.18.0-1.module_el9.3.0+1+a", epoch: 1, module: "nodejs:18:9030020231120:a");
        var stream20 = Rpm("nodejs", "20.1.0-1.module_el9.3.0+1+b", epoch: 1, module: "nodejs:20:9030020231120:b");
        var plain = Rpm("nodejs", "16.20.1-1.el9", epoch: 1);

        Assert.Equal("1:18.19.0-1.module_el9.3.0+1+a", Assert.Single(Match([record], [stream18])).FixedVersion);
        Assert.Empty(Match([record], [stream20]));
        Assert.Equal("1:16.20.2-1.el9", Assert.Single(Match([record], [plain])).FixedVersion);
    }

    [Fact]
    public void Without_a_vendor_rating_nvds_cvss_decides_the_severity()
    {
        var findings = Match(
            [Record("CVE-2024-3", "osv:AlmaLinux", [], Severity.Unknown, Range("bash", fixedVersion: "5.1.8-9.el9"))],
            [Rpm("bash", "5.1.8-6.el9")],
            writer =>
            {
                writer.Add(new CveScore("CVE-2024-3", new Cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd"), ["CWE-787"]));
                writer.Add(new KevEntry("CVE-2024-3", "2024-05-01", "2024-05-22"));
            });

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("nvd", finding.SeveritySource);
        Assert.Equal(9.8, finding.Cvss?.Score);
        Assert.Equal("2024-05-22", finding.Kev?.DueDate);
    }

    [Theory]
    [InlineData("python", "Django_REST.framework", "3.14.0", "pypi", "django-rest-framework", "3.0", "3.15.2", true)]
    [InlineData("python", "django", "3.15.2", "pypi", "django", "3.0", "3.15.2", false)]
    [InlineData("npm", "@babel/traverse", "7.22.5", "npm", "@babel/traverse", null, "7.23.2", true)]
    [InlineData("go", "stdlib", "go1.19", "go", "stdlib", "1.19.0", "1.19.8", true)]
    [InlineData("go", "stdlib", "go1.21.5", "go", "stdlib", null, "1.21.5", false)]
    [InlineData("go", "golang.org/x/net", "v0.7.0", "go", "golang.org/x/net", null, "0.17.0", true)]
    [InlineData("java", "org.apache.logging.log4j:log4j-core", "2.14.1", "maven", "org.apache.logging.log4j:log4j-core", "2.0-beta9", "2.15.0", true)]
    [InlineData("nuget", "Newtonsoft.Json", "12.0.3", "nuget", "newtonsoft.json", null, "13.0.1", true)]
    public void A_language_package_meets_its_ecosystems_advisories_by_normalised_name_and_its_own_version_order(
        string type, string name, string version, string ecosystem, string feedName, string? introduced, string fixedVersion, bool affected)
    {
        var scope = new AdvisoryScope(ecosystem, "");
        var record = new AdvisoryRecord(
            new VulnerabilityRecord { Id = "GHSA-test", Feed = "osv:test" },
            [new AffectedRange { Scope = scope, Package = PackageNames.Normalize(ecosystem, feedName), Introduced = introduced, Fixed = fixedVersion, Status = AffectedStatus.Fixed }]);
        var package = new InventoryPackage(new InstalledPackage { Type = type, Name = name, Version = version, Location = "/app/manifest" }, $"pkg:{type}/{name}@{version}");

        Assert.Equal(affected, Match([record], [package]).Count == 1);
    }

    [Fact]
    public void A_language_package_the_os_installed_is_matched_as_the_os_package_only()
    {
        var scope = new AdvisoryScope(Ecosystems.PyPI, "");
        var record = new AdvisoryRecord(
            new VulnerabilityRecord { Id = "GHSA-yaml", Feed = "osv:PyPI" },
            [new AffectedRange { Scope = scope, Package = "pyyaml", Fixed = "6.0.1", Status = AffectedStatus.Fixed }]);
        InventoryPackage PyYaml(string? owner) => new(
            new InstalledPackage { Type = "python", Name = "PyYAML", Version = "6.0", Location = "/usr/lib/python3/dist-packages/PyYAML-6.0.egg-info/PKG-INFO", OwnedBy = owner },
            "pkg:pypi/pyyaml@6.0");

        Assert.Empty(Match([record], [PyYaml("python3-yaml")]));
        Assert.Single(Match([record], [PyYaml(null)]));
    }

    private static IReadOnlyList<Finding> Match(AdvisoryRecord[] records, InventoryPackage[] packages, Action<StoreWriter>? enrich = null)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "store.db");
        using (var writer = StoreWriter.Open(path))
        {
            foreach (var record in records)
            {
                writer.Add(record);
            }

            enrich?.Invoke(writer);
            writer.Commit(DateTimeOffset.UtcNow);
        }

        using var store = AdvisoryStore.Open(path);
        return VulnerabilityMatcher.Match(new InventoryResult(Alma, packages, []), store).Findings;
    }

    private static AdvisoryRecord Record(string id, string feed, string[] aliases, Severity severity, params AffectedRange[] ranges) =>
        new(new VulnerabilityRecord { Id = id, Feed = feed, Aliases = aliases, Severity = severity }, ranges);

    private static AffectedRange Range(string package, string fixedVersion, string? module = null) =>
        new() { Scope = Alma9, Package = package, Fixed = fixedVersion, Status = AffectedStatus.Fixed, Module = module };

    private static InventoryPackage Rpm(string name, string version, int epoch = 0, string? module = null) =>
        new(new InstalledPackage { Type = "rpm", Name = name, Version = version, Epoch = epoch, ModularityLabel = module, Location = "/var/lib/rpm/rpmdb.sqlite" }, $"pkg:rpm/almalinux/{name}@{version}");

    /// <summary>rpm's own order of two EVRs, from Debian's python3-rpm.</summary>
    private static int RpmSays(string a, string b) => int.Parse(
        Tool.Run("/usr/bin/python3", "-c", "import sys, rpm\ndef evr(t):\n e, _, r = t.rpartition(':')\n v, _, rel = r.rpartition('-')\n return (e or '0', v, rel)\nprint(rpm.labelCompare(evr(sys.argv[1]), evr(sys.argv[2])))", a, b).Trim(),
        System.Globalization.CultureInfo.InvariantCulture);
}
