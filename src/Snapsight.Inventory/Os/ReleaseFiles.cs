namespace Snapsight.Inventory.Os;

/// <summary>One distro-specific release file and the pure parser that reads it.</summary>
internal sealed record ReleaseFile(string Path, Func<string, string, ReleaseClaim?> Parse);

/// <summary>
/// Every path OS detection reads, and nothing else: the detector looks each one up and never
/// walks the tree. The order of <see cref="DistroSpecific"/> is the precedence when os-release
/// is missing: the most specific file of a lineage first (CentOS's own file before the
/// redhat-release every derivative carries; Azure Linux's and CBL-Mariner's own files before the
/// lsb-release they also write; lsb-release, which names Ubuntu, before the
/// debian_version Ubuntu inherits; Amazon Linux 1's lone system-release last of its lineage).
/// </summary>
internal static class ReleaseFiles
{
    /// <summary>os-release(5): /etc/os-release wins; /usr/lib/os-release is read only when it is missing.</summary>
    public static IReadOnlyList<string> OsRelease { get; } = ["/etc/os-release", "/usr/lib/os-release"];

    public static IReadOnlyList<ReleaseFile> DistroSpecific { get; } =
    [
        new("/etc/centos-release", RedHatReleaseParser.Parse),
        new("/etc/rocky-release", RedHatReleaseParser.Parse),
        new("/etc/almalinux-release", RedHatReleaseParser.Parse),
        new("/etc/oracle-release", RedHatReleaseParser.Parse),
        new("/etc/fedora-release", RedHatReleaseParser.Parse),
        new("/etc/redhat-release", RedHatReleaseParser.Parse),
        new("/etc/system-release", RedHatReleaseParser.Parse),
        new("/etc/azurelinux-release", MarinerReleaseParser.Parse),
        new("/etc/mariner-release", MarinerReleaseParser.Parse),
        new("/etc/lsb-release", LsbReleaseParser.Parse),
        new("/etc/debian_version", DebianVersionParser.Parse),
        new("/etc/SuSE-release", SuseReleaseParser.Parse),
        new("/etc/SUSE-brand", SuseReleaseParser.Parse),
        new("/etc/alpine-release", OneLineReleaseParsers.ParseAlpine),
        new("/etc/photon-release", OneLineReleaseParsers.ParsePhoton),
    ];

    /// <summary>Where a Windows volume keeps its system files, in the two spellings installers use (NTFS ignores case; our lookups do not).</summary>
    public static IReadOnlyList<string> WindowsSystemDirectories { get; } = ["/Windows/System32", "/WINDOWS/system32"];
}
