using CsCheck;
using Snapsight.Advisories.Versions;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Every comparer is a total order on what it accepts: reflexive, antisymmetric, transitive.</summary>
public sealed class VersionPropertyTests
{
    public static TheoryData<string> Ecosystems() => [.. VersionComparers.All.Select(c => c.Ecosystem)];

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void A_version_equals_itself_and_order_flips_with_the_arguments(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        Gen.Select(GeneratedVersions.Any, GeneratedVersions.Any).Sample((a, b) =>
        {
            if (comparer.TryCompare(a, b, out var forward))
            {
                Assert.True(comparer.TryCompare(b, a, out var backward));
                Assert.Equal(-forward, backward);
                Assert.Equal(0, comparer.Compare(a, a));
            }
        }, iter: 20_000);
    }

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Order_is_transitive(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        // On strange strings the real tools are not transitive themselves (Maven 3.8.7 says
        // "." < "pb6" < "0a7-" yet "." > "0a7-"; apk-tools on strings it calls invalid), so the
        // property is checked on release-shaped versions the ecosystem accepts (apk: as valid).
        var versions = GeneratedVersions.ReleaseShaped.Where(v =>
            comparer.IsVersion(v) && (ecosystem != VersionComparers.Apk || ApkVersionComparer.IsValidApkVersion(v)));
        Gen.Select(versions, versions, versions).Sample((a, b, c) =>
        {
            // Sort the triple with the comparer, then every pair must agree with that order.
            string[] sorted = [a, b, c];
            Array.Sort(sorted, comparer);
            Assert.True(comparer.Compare(sorted[0], sorted[1]) <= 0, $"{sorted[0]} > {sorted[1]}");
            Assert.True(comparer.Compare(sorted[1], sorted[2]) <= 0, $"{sorted[1]} > {sorted[2]}");
            Assert.True(comparer.Compare(sorted[0], sorted[2]) <= 0, $"{sorted[0]} > {sorted[2]} though {sorted[0]} <= {sorted[1]} <= {sorted[2]}");
        }, iter: 20_000);
    }
}
