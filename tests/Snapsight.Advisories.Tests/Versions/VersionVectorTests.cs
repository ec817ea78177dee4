using Snapsight.Advisories.Versions;

namespace Snapsight.Advisories.Tests.Versions;

public sealed class VersionVectorTests
{
    [Fact]
    public void Dpkg_vectors_agree_with_dpkg() => VersionVectors.AssertAll("dpkg.tsv", DpkgVersionComparer.Instance);

    [Fact]
    public void Rpm_vectors_agree_with_rpm_vercmp() => VersionVectors.AssertAll("rpm.tsv", RpmVersionComparer.Instance);

    [Fact]
    public void Apk_vectors_hold() => VersionVectors.AssertAll("apk.tsv", ApkVersionComparer.Instance);

    [Fact]
    public void SemVer_vectors_hold() => VersionVectors.AssertAll("semver.tsv", SemVerComparer.Instance);

    [Fact]
    public void Go_comparer_holds_the_semver_vectors() => VersionVectors.AssertAll("semver.tsv", GoVersionComparer.Instance);

    [Fact]
    public void Pep440_vectors_hold() => VersionVectors.AssertAll("pypi.tsv", Pep440VersionComparer.Instance);

    [Fact]
    public void Maven_vectors_hold() => VersionVectors.AssertAll("maven.tsv", MavenVersionComparer.Instance, new Dictionary<string, VersionVectors.Deviation>
    {
        // Maven 3.8.7 (Debian's, which the oracle test runs) says "1-1 > 1-ga-1"; Maven 3.9 reads "ga-1" as one combined item.
        ["1-1 = 1-ga-1"] = new(">", "Maven 3.9 combination items; we follow Maven 3.8"),
    });

    [Fact]
    public void NuGet_vectors_hold() => VersionVectors.AssertAll("nuget.tsv", NuGetVersionComparer.Instance);

    [Fact]
    public void RubyGems_vectors_hold() => VersionVectors.AssertAll("rubygems.tsv", RubyGemsVersionComparer.Instance);
}
