using Snapsight.Compliance.Tests.OvalProbes.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalProbes;

/// <summary>
/// rpminfo on a real Amazon Linux 2023 rpm database (../shared/data), against rpm itself
/// (<c>rpm --dbpath</c>) on a copy of the same database: every package, with the epoch as the
/// number rpm's EPOCHNUM gives (0 where EPOCH prints "(none)").
/// </summary>
public sealed class RpmInfoProbeTests : IDisposable
{
    private readonly ProbeTree _tree = new();

    [Fact]
    public async Task Every_package_matches_rpm_query()
    {
        var source = SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain");
        using var rpmCopy = new TempDirectory();
        foreach (var file in Directory.GetFiles(source, "rpmdb.sqlite*"))
        {
            _tree.Bytes("/var/lib/rpm/" + Path.GetFileName(file), File.ReadAllBytes(file));
            File.Copy(file, rpmCopy.File(Path.GetFileName(file)));
        }

        var expected = Tool.Run("rpm", "--dbpath", rpmCopy.Path, "-qa", "--qf", "%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var collected = await _tree.CollectAsync(new ObjectSpec("oval:r:obj:1", "rpminfo", "linux", [new("name", ".*", "pattern match")]));

        Assert.True(expected.Count > 50, $"rpm listed {expected.Count} packages");
        Assert.Equal(expected, collected.Items
            .Select(i => $"{i.Values("name")[0]} {i.Values("epoch")[0]}:{i.Values("version")[0]}-{i.Values("release")[0]}.{i.Values("arch")[0]}")
            .Order(StringComparer.Ordinal));
        Assert.All(collected.Items, i => Assert.Equal(
            $"{i.Values("name")[0]}-{i.Values("evr")[0]}.{i.Values("arch")[0]}", i.Values("extended_name")[0]));
    }

    public void Dispose() => _tree.Dispose();
}
