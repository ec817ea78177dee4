using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>Our reading of the real databases in ../shared/data equals the lists rpm printed for them, field for field.</summary>
public sealed class RpmExpectedListTests
{
    public static TheoryData<string, string, bool> Lists => new()
    {
        { "go-rpmdb/amazonlinux2023-plain/rpmdb.sqlite", "go-rpmdb/amazonlinux2023-plain/expected.rpm-qa.tsv", false },
        { "go-rpmdb/amazonlinux2023-plain/rpmdb.sqlite", "go-rpmdb/amazonlinux2023-plain/packages.csv", true },
        { "go-rpmdb/sle15-bci/Packages.db", "go-rpmdb/sle15-bci/packages.csv", true },
        { "go-rpmdb/libuuid/Packages", "go-rpmdb/libuuid/expected.rpm-qa.tsv", false },
        { "../rootfs/grype/image-centos-match-coverage/var/lib/rpm/Packages", "../rootfs/grype/image-centos-match-coverage/var/lib/rpm/Packages.expected.rpm-qa.tsv", false },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Our_read_equals_the_expected_list(string database, string expected, bool withLicenceAndVendor)
    {
        var path = SharedData.Path("pkgdb", "rpm", database);
        var result = RpmDatabaseReader.Read(File.ReadAllBytes(path), "/var/lib/rpm/x");
        Assert.Empty(result.Problems);

        var want = expected.EndsWith(".csv", StringComparison.Ordinal)
            ? RpmRow.ParseCsv(SharedData.Path("pkgdb", "rpm", expected))
            : RpmRow.ParseTsv(SharedData.Path("pkgdb", "rpm", expected));
        var got = result.Packages.Select(p => RpmRow.From(p, withLicenceAndVendor));
        var wantRows = RpmRow.Sorted(want);
        var gotRows = RpmRow.Sorted(got);
        Assert.Equal(string.Join("\n", wantRows.Except(gotRows)), string.Join("\n", gotRows.Except(wantRows)));
        Assert.Equal(wantRows, gotRows);
    }

    [Fact]
    public void Modularity_labels_match_the_expected_list()
    {
        var folder = SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain");
        var want = File.ReadAllLines(Path.Combine(folder, "expected.rpm-qa.tsv")).Skip(1)
            .Select(l => l.Split('\t')).ToDictionary(f => f[1] + "-" + f[2] + "-" + f[3], f => f[6]);
        var result = RpmDatabaseReader.Read(File.ReadAllBytes(Path.Combine(folder, "rpmdb.sqlite")), "/var/lib/rpm/rpmdb.sqlite");
        foreach (var package in result.Packages)
        {
            Assert.Equal(want[package.Name + "-" + package.Version], package.ModularityLabel ?? "");
        }
    }
}
