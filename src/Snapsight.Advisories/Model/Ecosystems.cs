using Snapsight.Advisories.Versions;

namespace Snapsight.Advisories.Model;

/// <summary>
/// The ecosystem names of <see cref="AdvisoryScope"/>, and how a release is written in each:
/// Debian and Amazon by major version ("12", "2", "2023"), Ubuntu as "22.04", Alpine as
/// "3.18" (no "v", no patch), rpm families by major version ("8"), SUSE as the feed's product
/// text, language ecosystems with an empty release. Every feed parser and the matcher go
/// through these constants, so a scope written by one is found by the other.
/// </summary>
public static class Ecosystems
{
    public const string Debian = "debian";
    public const string Ubuntu = "ubuntu";
    public const string Alpine = "alpine";
    public const string Amazon = "amazon";
    public const string AlmaLinux = "almalinux";
    public const string Rocky = "rocky";
    public const string RedHat = "redhat";
    public const string CentOS = "centos";
    public const string Oracle = "oracle";
    public const string Suse = "suse";
    public const string OpenSuse = "opensuse";
    public const string AzureLinux = "azurelinux";
    public const string Mariner = "mariner";
    public const string PyPI = "pypi";
    public const string Npm = "npm";
    public const string Maven = "maven";
    public const string Go = "go";
    public const string CratesIo = "crates.io";
    public const string NuGet = "nuget";
    public const string RubyGems = "rubygems";

    /// <summary>The version scheme an ecosystem's versions are compared in (a name <see cref="VersionComparers.For"/> knows).</summary>
    public static string? VersionScheme(string ecosystem) => ecosystem switch
    {
        Debian or Ubuntu => VersionComparers.Dpkg,
        Alpine => VersionComparers.Apk,
        Amazon or AlmaLinux or Rocky or RedHat or CentOS or Oracle or Suse or OpenSuse or AzureLinux or Mariner => VersionComparers.Rpm,
        PyPI => VersionComparers.Pep440,
        Npm or CratesIo => VersionComparers.SemVer,
        Maven => VersionComparers.Maven,
        Go => VersionComparers.Go,
        NuGet => VersionComparers.NuGet,
        RubyGems => VersionComparers.RubyGems,
        _ => null,
    };
}
