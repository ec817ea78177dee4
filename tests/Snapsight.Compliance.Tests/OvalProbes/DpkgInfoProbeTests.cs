using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// dpkginfo against OpenSCAP. oscap's probe asks libapt-pkg, which reads the host's dpkg
/// database whatever OSCAP_PROBE_ROOT says, so the oracle runs on the host and our probe reads a
/// copy of the host's status file: essential packages with an epoch (bsdutils), without one
/// (libc6), and native versions (dpkg, base-files) are on every Debian machine.
/// </summary>
public sealed class DpkgInfoProbeTests : IDisposable
{
    private readonly ProbeTree _tree = new();

    [Fact]
    public async Task Items_match_oscap_on_the_hosts_database()
    {
        _tree.Bytes("/var/lib/dpkg/status", File.ReadAllBytes("/var/lib/dpkg/status"));
        string[] names = ["libc6", "bsdutils", "dpkg", "base-files", "no-such-package"];
        var objects = names.Select((name, i) => new ObjectSpec($"oval:d:obj:{i + 1}", "dpkginfo", "linux", [new("name", name)])).ToArray();
        var oracle = OscapOracle.Collect(objects, probeRoot: null);
        var context = _tree.Context();
        foreach (var spec in objects)
        {
            var collected = await ProbeTree.CollectAsync(spec, context);
            Assert.Equal(ItemText.Of(oracle[spec.Id].Items), ItemText.Of(collected));
        }

        Assert.Contains(oracle.Values, o => o.Items.Any(i => i["epoch"][0] != "0"));
        Assert.Contains(oracle.Values, o => o.Items.Any(i => i["release"] is [""]));
    }

    [Fact]
    public async Task A_pattern_selects_among_the_real_images_packages()
    {
        // OpenSCAP 1.3.7 answers only exact names ("does not exist" for a pattern); the OVAL
        // schema allows any operation, so a pattern is matched against every installed name.
        var context = new ProbeContext(new Snapsight.Disk.FileSystems.FileTree(
            new Snapsight.Disk.FileSystems.HostDirectory.HostDirectoryFileSystem(DebianImages.Path("rootfs"))));
        var collected = await ProbeTree.CollectAsync(new ObjectSpec("oval:d:obj:9", "dpkginfo", "linux", [new("name", "^openssh-", "pattern match")]), context);
        var expected = Tool.Run("dpkg-query", "--admindir", DebianImages.Path("rootfs/var/lib/dpkg"), "-W", "-f", "${db:Status-Status} ${Package}\n", "openssh-*")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("installed ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).Order(StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, collected.Items.Select(i => i.Values("name")[0]).Order(StringComparer.Ordinal));
        Assert.All(collected.Items, i => Assert.StartsWith("dpkg openssh-", i.Evidence, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tree_without_dpkg_has_no_packages()
    {
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:d:obj:10", "dpkginfo", "linux", [new("name", "libc6")]));
        Assert.Equal(CollectedFlag.DoesNotExist, collected.Flag);
    }

    public void Dispose() => _tree.Dispose();
}
