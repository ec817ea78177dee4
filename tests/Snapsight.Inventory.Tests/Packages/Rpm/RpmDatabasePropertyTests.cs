using CsCheck;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// Random byte changes anywhere in the three real databases: the read returns (perhaps with
/// fewer packages and named problems) or raises only a PackageDatabaseException.
/// </summary>
public sealed class RpmDatabasePropertyTests
{
    public static TheoryData<string> Databases => new()
    {
        "amazonlinux2023-plain/rpmdb.sqlite",
        "sle15-bci/Packages.db",
        "libuuid/Packages",
    };

    [Theory]
    [MemberData(nameof(Databases))]
    public void Random_byte_changes_give_a_partial_result_or_a_database_error(string database)
    {
        var original = File.ReadAllBytes(SharedData.Path(["pkgdb", "rpm", "go-rpmdb", .. database.Split('/')]));
        var changes = Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte).Array[1, 16];

        changes.Sample(flips =>
        {
            var copy = (byte[])original.Clone();
            foreach (var (at, value) in flips)
            {
                copy[at] = value;
            }

            try
            {
                var result = RpmDatabaseReader.Read(copy, "db");
                Assert.All(result.Packages, p => Assert.False(string.IsNullOrEmpty(p.Name)));
            }
            catch (PackageDatabaseException)
            {
                // A clear error is an acceptable answer to bad input.
            }
        }, iter: 150);
    }

    [Fact]
    public void Random_byte_changes_in_one_header_never_escape_the_parser()
    {
        var blob = RpmHeaderBuilder.Package().Strings(RpmTag.BaseNames, "a", "b").Strings(RpmTag.DirNames, "/").Int32s(RpmTag.DirIndexes, 0, 0).Build();
        Gen.Select(Gen.Int[0, blob.Length - 1], Gen.Byte).Array[1, 8].Sample(flips =>
        {
            var copy = (byte[])blob.Clone();
            foreach (var (at, value) in flips)
            {
                copy[at] = value;
            }

            try
            {
                var header = RpmHeader.Parse(copy);
                _ = header.GetFiles();
                _ = header.GetString(RpmTag.Name);
            }
            catch (PackageDatabaseException)
            {
                // Expected for most changes.
            }
        }, iter: 2000);
    }
}
