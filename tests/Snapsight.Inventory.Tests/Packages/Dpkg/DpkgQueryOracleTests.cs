using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>Oracles 2 and 3: the real dpkg-query, on a real Debian 12 tree and on crafted status files.</summary>
public sealed class DpkgQueryOracleTests
{
    [Fact]
    public void A_real_Debian_tree_lists_as_dpkg_query_lists_it()
    {
        var adminDirectory = Path.Combine(DebianImages.Path("rootfs"), "var", "lib", "dpkg");

        var result = DpkgStatusParser.Parse(File.ReadAllBytes(Path.Combine(adminDirectory, "status")), "/var/lib/dpkg/status");

        var expected = DpkgQuery.List(adminDirectory);
        Assert.True(expected.Length > 100, $"the Debian tree lists only {expected.Length} packages");
        Assert.Equal(expected, PackageRows.Dpkg(result.Packages));
        Assert.Empty(result.Problems);
    }

    // Each case is a status file dpkg accepts, built around one rule of what dpkg-query prints.
    [Theory]
    [InlineData("epoch kept", "Package: a\nStatus: install ok installed\nVersion: 2:1.0-1\nArchitecture: amd64\n")]
    [InlineData("epoch 0 dropped", "Package: a\nStatus: install ok installed\nVersion: 0:1.0-1\n")]
    [InlineData("epoch with a leading zero", "Package: a\nStatus: install ok installed\nVersion: 01:1.0\n")]
    [InlineData("source with version", "Package: a\nStatus: install ok installed\nVersion: 1:1.0+b1\nSource: src (1:1.0)\n")]
    [InlineData("source with epoch 0", "Package: a\nStatus: install ok installed\nVersion: 1.0\nSource: Src (0:1.0)\n")]
    [InlineData("source without version", "Package: a\nStatus: install ok installed\nVersion: 3.0-2\nSource: other\n")]
    [InlineData("hold", "Package: a\nStatus: hold ok installed\nVersion: 1\n")]
    [InlineData("half-installed", "Package: a\nStatus: install reinstreq half-installed\nVersion: 1\n")]
    [InlineData("config-files", "Package: a\nStatus: deinstall ok config-files\nVersion: 1\n")]
    [InlineData("deinstall but installed", "Package: a\nStatus: deinstall ok installed\nVersion: 1\n")]
    [InlineData("not-installed", "Package: a\nStatus: purge ok not-installed\n\nPackage: b\nStatus: deinstall ok not-installed\nVersion: 1\n\nPackage: c\nStatus: install ok installed\nVersion: 1\n")]
    [InlineData("no Status", "Package: a\nVersion: 1\n\nPackage: b\nStatus: install ok installed\nVersion: 1\n")]
    [InlineData("upper-case name and field names", "package: Abc\nSTATUS: install ok installed\nversion: 1\n")]
    [InlineData("whitespace around values", "Package:   a  \nStatus:\tinstall   ok  installed \nVersion:  1.0 \nArchitecture:  all\t\n")]
    [InlineData("continuation lines", "Package: a\nDescription: x\n more\n .\n more\nStatus: install ok installed\nVersion: 1\n")]
    [InlineData("multi-arch pair", "Package: a\nStatus: install ok installed\nVersion: 1\nArchitecture: amd64\nMulti-Arch: same\n\nPackage: a\nStatus: install ok installed\nVersion: 1\nArchitecture: i386\nMulti-Arch: same\n")]
    [InlineData("blank lines between and around", "\n\n\nPackage: a\nStatus: install ok installed\nVersion: 1\n\n\n\nPackage: b\nStatus: install ok installed\nVersion: 2\n\n\n")]
    public void A_crafted_status_file_lists_as_dpkg_query_lists_it(string rule, string status)
    {
        using var adminDirectory = DpkgQuery.AdminDirectoryWith(status);

        var result = DpkgStatusParser.Parse(System.Text.Encoding.UTF8.GetBytes(status), "status");

        var expected = DpkgQuery.List(adminDirectory.Path);
        var actual = PackageRows.Dpkg(result.Packages);
        Assert.True(expected.SequenceEqual(actual), $"{rule}: dpkg-query [{string.Join(" | ", expected)}] vs ours [{string.Join(" | ", actual)}]");
        Assert.NotEmpty(expected);
        Assert.Empty(result.Problems);
    }
}
