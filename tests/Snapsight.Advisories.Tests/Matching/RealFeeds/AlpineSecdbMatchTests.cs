using Snapsight.Advisories.Import;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Store;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory;

namespace Snapsight.Advisories.Tests.Matching.RealFeeds;

/// <summary>
/// The real Alpine v3.4 secdb (main and community, from the shared full v3.3–v3.11 set) against a
/// real Alpine 3.4 apk database, read by our inventory from a root tree. The expected findings come
/// from Debian's python3 reading the secdb YAML and the shared expected package list, with
/// <c>dpkg --compare-versions</c> deciding "installed is below the fix". dpkg and apk agree on
/// these version shapes (numbers, dots, letters, -rN, _pN) but not on pre-release suffixes
/// (_alpha, _beta, _pre, _rc: older for apk, newer for dpkg), so packages whose versions carry
/// one are left out of the comparison on both sides.
/// </summary>
public sealed class AlpineSecdbMatchTests
{
    private static readonly string Secdb = SharedData.Path("advisories", "alpine", "alpine-secdb-yaml-full", "v3.4");
    private static readonly string Installed = SharedData.Path("pkgdb", "apk", "trivy", "apk");
    private static readonly string InstalledList = SharedData.Path("pkgdb", "apk", "trivy", "apk.expected.tsv");

    private const string Oracle = """
        import sys, yaml, subprocess, functools, re
        secdb, listing = sys.argv[1], sys.argv[2]
        pre = re.compile(r'_(alpha|beta|pre|rc)')
        def below(a, b):
            return subprocess.run(['dpkg', '--compare-versions', a, 'lt', b]).returncode == 0
        installed = []
        for line in open(listing, encoding='utf-8').read().splitlines()[1:]:
            f = line.split('\t')
            if len(f) >= 4 and f[1]:
                installed.append((f[0], f[1], f[3] or f[0]))
        fixes = {}
        for repo in ('main.yaml', 'community.yaml'):
            doc = yaml.safe_load(open(secdb + '/' + repo, encoding='utf-8'))
            for p in doc.get('packages') or []:
                pkg = p['pkg']
                for version, ids in (pkg.get('secfixes') or {}).items():
                    for entry in ids or []:
                        fixes.setdefault((pkg['name'], entry.split()[0]), []).append(str(version))
        excluded = set()
        found = {}
        for (name, version, origin) in installed:
            for (source, cve), versions in fixes.items():
                if source != origin:
                    continue
                if pre.search(version) or any(pre.search(v) for v in versions):
                    excluded.add(name)
                    continue
                applicable = [v for v in versions if v != '0' and below(version, v)]
                if applicable:
                    best = functools.reduce(lambda a, b: b if below(a, b) else a, versions)
                    found[(cve, name)] = best if below(version, best) else None
        for (cve, name), fix in sorted(found.items()):
            if name not in excluded:
                print(f'{cve}\t{name}\t{fix}')
        print('EXCLUDED\t' + ' '.join(sorted(excluded)))
        """;

    [Fact]
    public async Task Every_finding_dpkgs_comparison_expects_on_a_real_apk_database_and_no_other()
    {
        using var temp = new TempDirectory();
        var root = Directory.CreateDirectory(Path.Combine(temp.Path, "root")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "lib", "apk", "db"));
        File.WriteAllText(Path.Combine(root, "etc", "os-release"), "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.4.6\n");
        File.Copy(Installed, Path.Combine(root, "lib", "apk", "db", "installed"));
        var storePath = Path.Combine(temp.Path, "store.db");
        await StoreImporter.ImportAsync(storePath, [Secdb], null, CancellationToken.None);
        var inventory = await InventoryCollector.CollectAsync(new FileTree(new HostDirectoryFileSystem(root)));

        using var store = AdvisoryStore.Open(storePath);
        var result = VulnerabilityMatcher.Match(inventory, store);

        var lines = Tool.Run("/usr/bin/python3", "-c", Oracle, Secdb, InstalledList).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var excluded = lines[^1].Split('\t')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var expected = lines[..^1].ToHashSet();
        var ours = result.Findings.Where(f => !excluded.Contains(f.Package.Package.Name))
            .Select(f => $"{f.Id}\t{f.Package.Package.Name}\t{f.FixedVersion}").ToHashSet();
        Assert.True(expected.Count > 20, $"the oracle found only {expected.Count} findings: the fixture is not exercising matching");
        Assert.Empty(expected.Except(ours));
        Assert.Empty(ours.Except(expected));
    }
}
