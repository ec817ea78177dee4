using CsCheck;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Purl;

namespace Snapsight.Inventory.Tests.Purl;

/// <summary>
/// Package URLs shaped as the purl specification's deb, rpm and apk examples (PURL-TYPES.rst),
/// with our distro qualifier ("debian-8" where the specification's example says "jessie"),
/// and its percent-encoding of everything outside the unreserved characters.
/// </summary>
public sealed class PackageUrlTests
{
    [Theory]
    [InlineData("dpkg", "curl", "7.50.3-1", null, "i386", "debian", "8", "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=debian-8")]
    [InlineData("dpkg", "dpkg", "1.19.0.4", null, "amd64", "ubuntu", "18.04", "pkg:deb/ubuntu/dpkg@1.19.0.4?arch=amd64&distro=ubuntu-18.04")]
    [InlineData("rpm", "curl", "7.50.3-1.fc25", null, "i386", "fedora", "25", "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25")]
    [InlineData("rpm", "bash", "5.2.15-1.amzn2023.0.2", 1, "x86_64", "amzn", "2023", "pkg:rpm/amazon/bash@5.2.15-1.amzn2023.0.2?arch=x86_64&distro=amzn-2023&epoch=1")]
    [InlineData("apk", "curl", "7.83.0-r0", null, "x86", "alpine", "3.16", "pkg:apk/alpine/curl@7.83.0-r0?arch=x86&distro=alpine-3.16")]
    [InlineData("dpkg", "libstdc++6", "12.2.0-14+deb12u1", null, "amd64", "debian", "12", "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12")]
    [InlineData("dpkg", "tzdata", "1:2024a-0+deb12u1", null, "all", "debian", "12", "pkg:deb/debian/tzdata@1%3A2024a-0%2Bdeb12u1?arch=all&distro=debian-12")]
    public void Matches_the_specification(string type, string name, string version, int? epoch, string arch, string family, string versionId, string expected)
    {
        var package = new InstalledPackage { Type = type, Name = name, Version = version, Epoch = epoch, Arch = arch, Location = "/x" };
        var os = new OperatingSystemInfo(family, family, versionId, versionId, null, "/etc/os-release");
        Assert.Equal(expected, PackageUrl.For(package, os));
    }

    [Fact]
    public void Without_an_operating_system_there_is_no_distro_qualifier()
    {
        var package = new InstalledPackage { Type = "apk", Name = "musl", Version = "1.2.4-r2", Arch = "x86_64", Location = "/lib/apk/db/installed" };
        Assert.Equal("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64", PackageUrl.For(package, null));
    }

    /// <summary>The specification's own examples for each language type (PURL-TYPES.rst), which carry no distro qualifier.</summary>
    [Theory]
    [InlineData("python", "Django_Rest", "1.11.1", "pkg:pypi/django-rest@1.11.1")]
    [InlineData("npm", "@angular/animation", "12.3.1", "pkg:npm/%40angular/animation@12.3.1")]
    [InlineData("npm", "foobar", "12.3.1", "pkg:npm/foobar@12.3.1")]
    [InlineData("java", "org.apache.xmlgraphics:batik-anim", "1.9.1", "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1")]
    [InlineData("go", "github.com/gorilla/context", "v1.1.1", "pkg:golang/github.com/gorilla/context@v1.1.1")]
    [InlineData("gem", "ruby-advisory-db-check", "0.12.4", "pkg:gem/ruby-advisory-db-check@0.12.4")]
    [InlineData("nuget", "EnterpriseLibrary.Common", "6.0.1304", "pkg:nuget/EnterpriseLibrary.Common@6.0.1304")]
    [InlineData("cargo", "rand", "0.7.2", "pkg:cargo/rand@0.7.2")]
    public void Language_packages_match_the_specification(string type, string name, string version, string expected)
    {
        var package = new InstalledPackage { Type = type, Name = name, Version = version, Location = "/x" };
        var os = new OperatingSystemInfo("debian", "Debian", "12", "12", "bookworm", "/etc/os-release");
        Assert.Equal(expected, PackageUrl.For(package, os));
    }

    /// <summary>Percent-encoding against .NET's own RFC 3986 encoder (<see cref="Uri.EscapeDataString(string)"/>), on names with any character.</summary>
    [Fact]
    public void Every_part_is_encoded_as_uri_data_escaping_encodes_it()
    {
        var part = Gen.OneOf(Gen.Char.AlphaNumeric, Gen.OneOfConst('+', ':', '~', '.', '-', '_', '/', '%', ' ', '?', '@', '#', 'é', '日', '\u00FF'))
            .Array[1, 12].Select(chars => new string(chars));
        var emoji = Gen.OneOfConst("", "\U0001F600");
        Gen.Select(part, part, part, emoji, Gen.Int[0, 3]).Sample((name, version, arch, extra, epoch) =>
        {
            var package = new InstalledPackage { Type = "rpm", Name = name + extra, Version = version, Arch = arch, Epoch = epoch, Location = "/x" };
            var os = new OperatingSystemInfo("fedora", "Fedora", "40", "40", null, "/etc/os-release");
            var expected = $"pkg:rpm/fedora/{Uri.EscapeDataString(name + extra)}@{Uri.EscapeDataString(version)}?arch={Uri.EscapeDataString(arch)}&distro=fedora-40"
                + (epoch > 0 ? $"&epoch={epoch}" : "");
            Assert.Equal(expected, PackageUrl.For(package, os));
        }, iter: 500);
    }
}
