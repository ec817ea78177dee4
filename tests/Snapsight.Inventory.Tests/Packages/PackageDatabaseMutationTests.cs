using CsCheck;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Apk;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages;

/// <summary>
/// Real databases with a few bytes changed (the characters their formats give meaning to, and
/// random ones): the parsers never throw, and every package they still list has a name and a version.
/// </summary>
public sealed class PackageDatabaseMutationTests
{
    private static readonly Gen<byte> Interesting = Gen.OneOf(Gen.OneOfConst((byte)'\n', (byte)'\r', (byte)':', (byte)' ', (byte)'\t', (byte)0, (byte)'(', (byte)')'), Gen.Byte);

    private static void Survives(byte[] original, Func<byte[], PackageDatabaseParseResult> parse) =>
        Gen.Select(Gen.Int[0, original.Length - 1], Interesting).Array[1, 8].Sample(changes =>
        {
            var mutated = (byte[])original.Clone();
            foreach (var (offset, value) in changes)
            {
                mutated[offset] = value;
            }

            var result = parse(mutated);

            Assert.All(result.Packages, p => Assert.False(string.IsNullOrEmpty(p.Name) || string.IsNullOrEmpty(p.Version)));
        }, iter: 500);

    [Fact]
    public void A_mutated_dpkg_status_file_still_parses()
    {
        var status = Txtar.File(SharedData.Path("pkgdb", "dpkg", "trivy", "valid.txtar"), "var/lib/dpkg/status");
        Survives(status, bytes => DpkgStatusParser.Parse(bytes, "status"));
    }

    [Fact]
    public void A_mutated_apk_installed_file_still_parses()
    {
        var installed = File.ReadAllBytes(SharedData.Path("pkgdb", "apk", "osv-scalibr", "installed"));
        Survives(installed, bytes => ApkInstalledParser.Parse(bytes, "installed"));
    }
}
