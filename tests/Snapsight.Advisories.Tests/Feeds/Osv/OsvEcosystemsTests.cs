using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Tests.Feeds.Osv;

/// <summary>OSV ecosystem strings as osv.dev publishes them (ecosystems.txt and real records) map to the scopes matching looks up.</summary>
public sealed class OsvEcosystemsTests
{
    [Theory]
    [InlineData("Debian:12", "debian", "12")]
    [InlineData("Debian:11", "debian", "11")]
    [InlineData("Ubuntu:22.04:LTS", "ubuntu", "22.04")]
    [InlineData("Alpine:v3.18", "alpine", "3.18")]
    [InlineData("AlmaLinux:8", "almalinux", "8")]
    [InlineData("Rocky Linux:9", "rocky", "9")]
    [InlineData("Red Hat:enterprise_linux:9::appstream", "redhat", "9")]
    [InlineData("SUSE:Linux Enterprise Server 15 SP5", "suse", "15.5")]
    [InlineData("openSUSE:Leap 15.5", "opensuse", "15.5")]
    [InlineData("Azure Linux:3", "azurelinux", "3")]
    [InlineData("Mariner:2.0", "mariner", "2")]
    [InlineData("PyPI", "pypi", "")]
    [InlineData("crates.io", "crates.io", "")]
    public void Each_ecosystem_maps_to_its_release_scope(string ecosystem, string expectedEcosystem, string expectedRelease) =>
        Assert.Equal(new AdvisoryScope(expectedEcosystem, expectedRelease), OsvEcosystems.ToScope(ecosystem));

    [Theory]
    [InlineData("Ubuntu:Pro:18.04:LTS")]
    [InlineData("SUSE:Linux Micro 6.0")]
    [InlineData("Debian")]
    [InlineData("Packagist")]
    [InlineData("")]
    public void Ecosystems_no_detected_release_can_reach_are_left_out(string ecosystem) =>
        Assert.Null(OsvEcosystems.ToScope(ecosystem));
}
