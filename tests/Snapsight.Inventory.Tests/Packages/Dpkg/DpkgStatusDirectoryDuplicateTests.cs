using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>
/// A package recorded in two status.d files (an old "base" file beside its per-package file, as
/// distroless images can leave them) is reported once, from the later-named file, with a gap
/// naming both files.
/// </summary>
public sealed class DpkgStatusDirectoryDuplicateTests
{
    /// <summary>Sorts before the sample's "foo", so the sample is the later file and wins.</summary>
    private const string Base =
        "Package: foo\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0.0\n\n" +
        "Package: only-in-base\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.0\n";

    [Fact]
    public async Task The_osv_scalibr_sample_beside_a_crafted_base_file_wins_for_the_package_both_record()
    {
        using var directory = new TempDirectory();
        var statusD = directory.File("var/lib/dpkg/status.d");
        Directory.CreateDirectory(statusD);
        var sample = SharedData.Path("pkgdb", "dpkg", "osv-scalibr", "dpkg", "status.d");
        File.Copy(Path.Combine(sample, "foo"), Path.Combine(statusD, "foo"));
        File.Copy(Path.Combine(sample, "foo.md5sums"), Path.Combine(statusD, "foo.md5sums"));
        await File.WriteAllTextAsync(Path.Combine(statusD, "base"), Base);

        var output = await AnalyzeAsync(directory.Path);

        // Expected: the sample read alone, plus what only the base file has.
        var later = DpkgStatusParser.ParseStatusDirectoryFile(await File.ReadAllBytesAsync(Path.Combine(sample, "foo")), "/var/lib/dpkg/status.d/foo");
        var earlier = DpkgStatusParser.ParseStatusDirectoryFile(System.Text.Encoding.UTF8.GetBytes(Base), "/var/lib/dpkg/status.d/base");
        var expected = later.Packages.Concat(earlier.Packages.Where(p => !later.Packages.Any(l => l.Name == p.Name && l.Arch == p.Arch)));
        Assert.Equal(PackageRows.Dpkg(expected), PackageRows.Dpkg(output.Packages));
        var gap = Assert.Single(output.Gaps);
        Assert.Equal("/var/lib/dpkg/status.d/foo", gap.Where);
        Assert.Contains("'foo' (amd64) is also recorded in /var/lib/dpkg/status.d/base", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kept_records_are_what_dpkg_query_reads_from_each_file()
    {
        using var directory = new TempDirectory();
        var statusD = directory.File("var/lib/dpkg/status.d");
        Directory.CreateDirectory(statusD);
        const string Later = "Package: foo\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:1.2.3-4\nSource: foo-src (1.2.3-3)\n";
        await File.WriteAllTextAsync(Path.Combine(statusD, "base"), Base);
        await File.WriteAllTextAsync(Path.Combine(statusD, "foo"), Later);
        // The status file sorts first of all: its foo:i386 is another package, not a duplicate.
        await File.WriteAllTextAsync(directory.File("var/lib/dpkg/status"), "Package: foo\nStatus: install ok installed\nArchitecture: i386\nVersion: 0.9\n");

        var output = await AnalyzeAsync(directory.Path);

        using var laterAdmin = DpkgQuery.AdminDirectoryWith(Later);
        using var baseAdmin = DpkgQuery.AdminDirectoryWith(Base);
        using var statusAdmin = DpkgQuery.AdminDirectoryWith(await File.ReadAllTextAsync(directory.File("var/lib/dpkg/status")));
        var kept = DpkgQuery.List(laterAdmin.Path);
        var expected = kept
            .Concat(DpkgQuery.List(baseAdmin.Path).Where(row => !row.StartsWith("foo\t", StringComparison.Ordinal)))
            .Concat(DpkgQuery.List(statusAdmin.Path));
        Assert.Equal(PackageRows.Sorted(expected), PackageRows.Dpkg(output.Packages));
        Assert.Equal(["/var/lib/dpkg/status.d/foo"], output.Gaps.Select(g => g.Where));
    }

    private static async Task<AnalyzerOutput> AnalyzeAsync(string root)
    {
        using var host = new HostDirectoryFileSystem(root);
        return await new DpkgAnalyzer().AnalyzeAsync(new FileTree(host), CancellationToken.None);
    }
}
