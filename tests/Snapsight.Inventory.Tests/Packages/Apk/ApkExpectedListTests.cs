using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages.Apk;

namespace Snapsight.Inventory.Tests.Packages.Apk;

/// <summary>Oracle 1 for apk: the field split of real Alpine installed databases stored in ../shared/data/pkgdb/apk.</summary>
public sealed class ApkExpectedListTests
{
    private const string ExpectedSuffix = ".expected.tsv";

    public static TheoryData<string> ExpectedLists() =>
        [.. Directory.EnumerateFiles(SharedData.Path("pkgdb", "apk"), "*" + ExpectedSuffix, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(SharedData.Path("pkgdb", "apk"), path))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExpectedLists))]
    public void Parse_lists_every_record_with_a_name_and_a_version(string expectedList)
    {
        var expectedPath = SharedData.Path("pkgdb", "apk", expectedList);
        var expected = PackageRows.ReadTsv(expectedPath).Select(row => row.Split('\t')).ToList();

        var result = ApkInstalledParser.Parse(File.ReadAllBytes(expectedPath[..^ExpectedSuffix.Length]), "/lib/apk/db/installed");

        // The TSV is a plain field split: it keeps a record with no version, which apk drops
        // and so do we (with a problem), and an empty origin, which means the package is its own.
        var listed = expected.Where(cols => cols[1].Length > 0)
            .Select(cols => string.Join('\t', cols[0], cols[1], cols[2], cols[3].Length > 0 ? cols[3] : cols[0]));
        Assert.Equal(PackageRows.Sorted(listed), PackageRows.Apk(result.Packages));
        Assert.Equal(expected.Count(cols => cols[1].Length == 0), result.Problems.Count);
        Assert.All(result.Packages, p => Assert.Equal(p.Version, p.SourceVersion));
    }

    [Fact]
    public void Licence_comes_from_L()
    {
        var result = ApkInstalledParser.Parse(File.ReadAllBytes(SharedData.Path("pkgdb", "apk", "osv-scalibr", "no-origin")), "installed");

        var package = Assert.Single(result.Packages);
        Assert.Equal("GPL-2.0-only", package.Licence);
        Assert.Equal("apk", package.Type);
        Assert.Null(package.Status);
    }

    [Fact]
    public void Empty_and_invalid_files_give_no_packages_and_name_the_bad_records()
    {
        var empty = ApkInstalledParser.Parse(File.ReadAllBytes(SharedData.Path("pkgdb", "apk", "osv-scalibr", "empty")), "installed");
        var invalid = ApkInstalledParser.Parse(File.ReadAllBytes(SharedData.Path("pkgdb", "apk", "osv-scalibr", "invalid")), "installed");

        Assert.Empty(empty.Packages);
        Assert.Empty(empty.Problems);
        Assert.Empty(invalid.Packages);
        Assert.Equal(["installed line 1: record skipped: line 1 is not 'K:value'", "installed line 3: record skipped: line 3 is not 'K:value'"], invalid.Problems);
    }

    [Fact]
    public void Fields_are_case_sensitive_and_CRLF_is_tolerated()
    {
        var result = ApkInstalledParser.Parse(Encoding.UTF8.GetBytes("P:a\r\nV:1-r0\r\nO:not-origin\r\no:origin\r\n"), "installed");

        Assert.Equal(["a\t1-r0\t\torigin"], PackageRows.Apk(result.Packages));
    }
}
