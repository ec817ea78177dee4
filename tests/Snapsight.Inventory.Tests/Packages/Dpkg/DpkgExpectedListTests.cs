using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>Oracle 1: the dpkg-query listings of real status files stored in ../shared/data/pkgdb/dpkg.</summary>
public sealed class DpkgExpectedListTests
{
    private const string ExpectedSuffix = ".expected.dpkg-query.tsv";

    public static TheoryData<string> ExpectedLists()
    {
        var lists = Directory.EnumerateFiles(SharedData.Path("pkgdb", "dpkg"), "*" + ExpectedSuffix, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(SharedData.Path("pkgdb", "dpkg"), path))
            .Order(StringComparer.Ordinal);
        return [.. lists];
    }

    [Theory]
    [MemberData(nameof(ExpectedLists))]
    public void Parse_lists_what_dpkg_query_listed(string expectedList)
    {
        var expectedPath = SharedData.Path("pkgdb", "dpkg", expectedList);
        var inputPath = expectedPath[..^ExpectedSuffix.Length];
        var input = inputPath.EndsWith(".txtar", StringComparison.Ordinal)
            ? Txtar.File(inputPath, "var/lib/dpkg/status")
            : File.ReadAllBytes(inputPath);

        var result = DpkgStatusParser.Parse(input, "/var/lib/dpkg/status");

        Assert.Equal(PackageRows.ReadTsv(expectedPath), PackageRows.Dpkg(result.Packages));
        Assert.Empty(result.Problems);
        Assert.All(result.Packages, p => Assert.Equal("/var/lib/dpkg/status", p.Location));
    }

    [Fact]
    public void A_distroless_status_d_file_without_Status_is_installed()
    {
        var input = File.ReadAllBytes(SharedData.Path("pkgdb", "dpkg", "osv-scalibr", "dpkg", "status.d", "foo"));

        var result = DpkgStatusParser.ParseStatusDirectoryFile(input, "/var/lib/dpkg/status.d/foo");

        // foo has no Status (listed, status unknown); bar says config-files (listed, as dpkg-query would).
        Assert.Equal(
            ["bar\tdeinstall ok config-files\t1.0\tbar\t1.0\t", "foo\t\t1.2.3\tfoo\t1.2.3\tamd64"],
            PackageRows.Dpkg(result.Packages));
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("noversion", "acl", "package 'acl' has no Version field")]
    [InlineData("nopackage", null, "paragraph has no Package field")]
    [InlineData("invalid", null, "is not 'Field: value'")]
    public void Files_dpkg_refuses_give_the_readable_packages_and_name_the_bad_paragraph(string file, string? missing, string problem)
    {
        var result = DpkgStatusParser.Parse(File.ReadAllBytes(SharedData.Path("pkgdb", "dpkg", "osv-scalibr", "dpkg", file)), "status");

        Assert.Contains(result.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        if (missing is not null)
        {
            Assert.DoesNotContain(result.Packages, p => p.Name == missing);
        }
    }

    [Fact]
    public void Trailing_blank_lines_and_an_empty_file_are_normal()
    {
        var trailing = DpkgStatusParser.Parse(File.ReadAllBytes(SharedData.Path("pkgdb", "dpkg", "osv-scalibr", "dpkg", "trailingnewlines")), "status");
        var empty = DpkgStatusParser.Parse(File.ReadAllBytes(SharedData.Path("pkgdb", "dpkg", "osv-scalibr", "dpkg", "empty")), "status");

        Assert.Equal(["acl\tinstall ok installed\t2.3.1-3\tacl\t2.3.1-3\tamd64"], PackageRows.Dpkg(trailing.Packages));
        Assert.Empty(trailing.Problems);
        Assert.Empty(empty.Packages);
        Assert.Empty(empty.Problems);
    }
}
