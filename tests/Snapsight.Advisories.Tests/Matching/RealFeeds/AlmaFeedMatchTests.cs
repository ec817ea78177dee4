using Snapsight.Advisories.Import;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Store;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Tests.Matching.RealFeeds;

/// <summary>
/// The complete AlmaLinux OSV feed, imported through <c>db import</c>'s code, against a real EL9
/// package list (Oracle Linux 9's <c>rpm -qa</c>, from the shared data). The expected findings
/// come from Debian's python3 with rpm's own <c>labelCompare</c> reading the same archive: a
/// package is affected by a record of its release when its EVR is below the record's fixed EVR.
/// The one rule the oracle shares with us: this list has no modular packages, so fixes built in a
/// module stream (".module_el") do not apply to them.
/// </summary>
public sealed class AlmaFeedMatchTests
{
    private static readonly string Feed = SharedData.Path("advisories", "almalinux", "osv-database-full", "almalinux-osv-advisories.tar.gz");
    private static readonly string PackageList = SharedData.Path("pkgdb", "rpm", "go-rpmdb-lists-only", "oraclelinux9-plain", "packages.csv");

    private const string Oracle = """
        import sys, json, tarfile, rpm
        feed, packages = sys.argv[1], sys.argv[2]
        installed = []
        for line in open(packages, encoding='utf-8'):
            f = line.rstrip('\n').split('\u00b6')
            if len(f) > 4 and f[1] != 'gpg-pubkey':
                installed.append((f[1], f[0] or '0', f[2], f[3]))
        records = {}
        with tarfile.open(feed) as tar:
            for m in tar:
                if m.isfile() and m.name.endswith('.json'):
                    r = json.load(tar.extractfile(m))
                    if not r.get('withdrawn'):
                        records[r['id']] = r
        def evr(text):
            epoch, _, rest = text.rpartition(':')
            version, _, release = rest.rpartition('-')
            return (epoch or '0', version, release)
        found = set()
        for r in records.values():
            for a in r.get('affected', []):
                if a['package']['ecosystem'] != 'AlmaLinux:9':
                    continue
                for rng in a.get('ranges', []):
                    fixed = [e['fixed'] for e in rng['events'] if 'fixed' in e]
                    for fix in fixed:
                        if '.module_el' in fix:
                            continue
                        for (name, epoch, version, release) in installed:
                            if name == a['package']['name'] and rpm.labelCompare((epoch, version, release), evr(fix)) < 0:
                                found.add((r['id'], name, fix))
        for f in sorted(found):
            print('\t'.join(f))
        """;

    [Fact]
    public async Task Every_finding_rpms_own_comparison_expects_and_no_other()
    {
        using var temp = new TempDirectory();
        var storePath = Path.Combine(temp.Path, "store.db");
        await StoreImporter.ImportAsync(storePath, [Feed], null, CancellationToken.None);
        var os = new OperatingSystemInfo("almalinux", "AlmaLinux", "9.3", "9.3", null, "/etc/os-release");
        var inventory = new InventoryResult(os, ReadPackages(), []);

        using var store = AdvisoryStore.Open(storePath);
        var result = VulnerabilityMatcher.Match(inventory, store);

        var expected = Tool.Run("/usr/bin/python3", "-c", Oracle, Feed, PackageList).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var ours = result.Findings.Select(f => $"{f.Id}\t{f.Package.Package.Name}\t{f.FixedVersion}").ToHashSet();
        Assert.True(expected.Count > 50, $"the oracle found only {expected.Count} findings: the fixture is not exercising matching");
        Assert.Empty(expected.Except(ours));
        Assert.Empty(ours.Except(expected));
        Assert.Empty(result.Gaps);
    }

    /// <summary>The shared list's rows: epoch¶name¶version¶release¶arch¶sourcerpm¶…</summary>
    private static List<InventoryPackage> ReadPackages() => File.ReadLines(PackageList)
        .Select(line => line.Split('¶'))
        .Where(f => f.Length > 4 && f[1] != "gpg-pubkey")
        .Select(f => new InstalledPackage
        {
            Type = "rpm",
            Name = f[1],
            Epoch = f[0].Length == 0 ? 0 : int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture),
            Version = $"{f[2]}-{f[3]}",
            Arch = f[4],
            Location = "/var/lib/rpm/rpmdb.sqlite",
        })
        .Select(p => new InventoryPackage(p, $"pkg:rpm/almalinux/{p.Name}@{p.Version}"))
        .ToList();
}
