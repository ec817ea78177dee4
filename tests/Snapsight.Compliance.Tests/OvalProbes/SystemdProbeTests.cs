using System.Diagnostics;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// The systemd probes on the real Debian tree. OpenSCAP asks a running systemd over D-Bus, which
/// a tree has not; systemctl itself reads unit files offline with --root, so UnitFileState is
/// checked against <c>systemctl --root=… is-enabled</c> for every unit of the tree.
/// </summary>
public sealed class SystemdProbeTests : IDisposable
{
    private readonly ProbeTree _tree = new();

    private static ProbeContext RealTree() => new(new FileTree(new HostDirectoryFileSystem(DebianImages.Path("rootfs"))));

    [Fact]
    public async Task UnitFileState_matches_systemctl_for_every_unit()
    {
        var collected = await ProbeTree.CollectAsync(
            new ObjectSpec("oval:u:obj:1", "systemdunitproperty", "linux", [new("unit", ".*", "pattern match"), new("property", "UnitFileState")]), RealTree());
        var ours = collected.Items.ToDictionary(i => i.Values("unit")[0], i => i.Values("value")[0]);
        Assert.True(ours.Count > 100, $"only {ours.Count} units");
        var expected = IsEnabled(DebianImages.Path("rootfs"), [.. ours.Keys]);
        Assert.Equal(expected, ours.Where(u => expected.ContainsKey(u.Key)).ToDictionary());
    }

    [Fact]
    public async Task Multi_user_target_pulls_in_what_is_enabled_for_it_and_for_the_targets_it_needs()
    {
        var collected = await ProbeTree.CollectAsync(
            new ObjectSpec("oval:u:obj:2", "systemdunitdependency", "linux", [new("unit", "multi-user.target")]), RealTree());
        var dependencies = Assert.Single(collected.Items).Values("dependency");

        // ssh.service: multi-user.target.wants link in /etc; basic.target: Requires= in the unit;
        // systemd-pstore.service: sysinit.target.wants, reached through basic.target.
        Assert.Contains("ssh.service", dependencies);
        Assert.Contains("basic.target", dependencies);
        Assert.Contains("systemd-pstore.service", dependencies);
        Assert.DoesNotContain("multi-user.target", dependencies);
    }

    [Fact]
    public async Task Masking_drop_ins_and_runtime_properties()
    {
        _tree.File("/usr/lib/systemd/system/demo.service", "[Unit]\nDescription=Demo\nAfter=network.target\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n")
            .File("/etc/systemd/system/demo.service.d/override.conf", "[Unit]\nDescription=Overridden\\\n  demo\nAfter=\nAfter=local-fs.target\n")
            .File("/usr/lib/systemd/system/demo.service.d/override.conf", "[Unit]\nDescription=Vendor, hidden by /etc's file of the same name\n")
            .Link("/etc/systemd/system/atd.service", "/dev/null")
            .File("/usr/lib/systemd/system/atd.service", "[Unit]\nDescription=at\n");
        var properties = await _tree.CollectAsync(new ObjectSpec("oval:u:obj:3", "systemdunitproperty", "linux",
            [new("unit", "^(demo|atd)\\.service$", "pattern match"), new("property", "^(LoadState|Description|After|DropInPaths)$", "pattern match")]));
        var values = properties.Items.ToDictionary(i => $"{i.Values("unit")[0]} {i.Values("property")[0]}", i => string.Join(" ", i.Values("value")));

        Assert.Equal("masked", values["atd.service LoadState"]);
        Assert.Equal("loaded", values["demo.service LoadState"]);
        Assert.Equal("Overridden demo", values["demo.service Description"]);
        Assert.Equal("local-fs.target", values["demo.service After"]);
        Assert.Equal("/etc/systemd/system/demo.service.d/override.conf", values["demo.service DropInPaths"]);

        var running = await _tree.CollectAsync(new ObjectSpec("oval:u:obj:4", "systemdunitproperty", "linux",
            [new("unit", "^demo\\.service$", "pattern match"), new("property", "ActiveState")]));
        Assert.Equal(CollectedFlag.NotCollected, running.Flag);
        Assert.Equal("needs a running system", running.Message);
    }

    /// <summary>systemctl's answer per unit; it exits non-zero for anything not enabled, so the exit code is not checked.</summary>
    private static Dictionary<string, string> IsEnabled(string root, IReadOnlyList<string> units)
    {
        var start = new ProcessStartInfo("systemctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[$"--root={root}", "is-enabled", .. units.Where(u => !u.Contains("@.", StringComparison.Ordinal))])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        _ = stderr.Result;
        var asked = units.Where(u => !u.Contains("@.", StringComparison.Ordinal)).ToList();
        Assert.Equal(asked.Count, lines.Length);
        return asked.Zip(lines).ToDictionary(p => p.First, p => p.Second);
    }

    public void Dispose() => _tree.Dispose();
}
