using Snapsight.Advisories.Filtering;

namespace Snapsight.Advisories.Tests.Filtering;

public sealed class PurlMatchTests
{
    [Theory]
    [InlineData("pkg:deb/debian/curl@7.88.1-10", "pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12", true)]
    [InlineData("pkg:deb/debian/curl", "pkg:deb/debian/curl@7.88.1-10?arch=amd64", true)]
    [InlineData("pkg:deb/debian/curl@7.88.1-11", "pkg:deb/debian/curl@7.88.1-10?arch=amd64", false)]
    [InlineData("pkg:deb/debian/curl@1:2.0", "pkg:deb/debian/curl@1%3A2.0", true)]
    [InlineData("pkg:deb/debian/curl-dev", "pkg:deb/debian/curl@7.88.1-10", false)]
    [InlineData("pkg:npm/%40scope/name@1.0.0", "pkg:npm/%40scope/name@1.0.0", true)]
    [InlineData("pkg:rpm/redhat/curl", "pkg:deb/debian/curl@1", false)]
    public void A_vex_purl_names_a_package_by_type_namespace_name_and_version_when_given(string statement, string package, bool expected) =>
        Assert.Equal(expected, PurlMatch.Names(statement, package));
}
