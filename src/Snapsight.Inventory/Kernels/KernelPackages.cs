using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Kernels;

/// <summary>
/// Which installed packages are kernels, and the release each installs, told by name and
/// version alone (no file lists are read):
/// <list type="bullet">
/// <item>dpkg: linux-image-RELEASE and Ubuntu's linux-image-unsigned-RELEASE, where RELEASE
/// starts with a digit, so the meta packages (linux-image-amd64, linux-image-generic) whose only
/// content is a dependency are not kernels; the -dbg and -dbgsym symbol packages are not either.</item>
/// <item>rpm: kernel, kernel-core, kernel-uek(-core), kernel-rt(-core), kernel-default; the
/// release is VERSION-RELEASE.ARCH (Red Hat, Oracle, Amazon), VERSION-RELEASE (CBL-Mariner,
/// Azure Linux), or SUSE's VERSION-RELEASE without its last number, then -FLAVOR.</item>
/// <item>apk: linux-lts, linux-virt, linux-edge (and the Raspberry Pi flavours); "6.6.14-r0"
/// of linux-lts is release "6.6.14-0-lts".</item>
/// </list>
/// Only installed packages count (dpkg config-files leftovers do not).
/// </summary>
internal static class KernelPackages
{
    private static readonly string[] RpmNames = ["kernel", "kernel-core", "kernel-uek", "kernel-uek-core", "kernel-rt", "kernel-rt-core", "kernel-default"];
    private static readonly string[] ApkFlavours = ["lts", "virt", "edge", "rpi", "rpi4"];

    /// <summary>The releases the package may install, most likely first; empty when it is not a kernel.</summary>
    public static IReadOnlyList<string> Releases(InstalledPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Type switch
        {
            "dpkg" when package.Status is null or "install ok installed" => Dpkg(package.Name),
            "rpm" when RpmNames.Contains(package.Name) => Rpm(package),
            "apk" when package.Name.StartsWith("linux-", StringComparison.Ordinal) && ApkFlavours.Contains(package.Name["linux-".Length..]) => Apk(package),
            _ => [],
        };
    }

    /// <summary>Between two packages of one release (RHEL 8's kernel and kernel-core), the one that holds the image.</summary>
    public static bool IsPreferredOver(InstalledPackage candidate, InstalledPackage current) =>
        candidate.Name.EndsWith("-core", StringComparison.Ordinal) && !current.Name.EndsWith("-core", StringComparison.Ordinal);

    private static string[] Dpkg(string name)
    {
        const string Prefix = "linux-image-";
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return [];
        }

        var release = name[Prefix.Length..];
        release = release.StartsWith("unsigned-", StringComparison.Ordinal) ? release["unsigned-".Length..] : release;
        return release.Length > 0 && char.IsAsciiDigit(release[0]) && !release.EndsWith("-dbg", StringComparison.Ordinal) && !release.EndsWith("-dbgsym", StringComparison.Ordinal)
            ? [release]
            : [];
    }

    private static string[] Rpm(InstalledPackage package)
    {
        var releases = new List<string>();
        if (package.Arch is { Length: > 0 } arch)
        {
            releases.Add($"{package.Version}.{arch}");
        }

        releases.Add(package.Version);
        if (package.Name == "kernel-default" && package.Version.LastIndexOf('.') is var dot and > 0)
        {
            releases.Add($"{package.Version[..dot]}-default");
        }

        return [.. releases];
    }

    private static string[] Apk(InstalledPackage package)
    {
        var flavour = package.Name["linux-".Length..];
        var dash = package.Version.LastIndexOf("-r", StringComparison.Ordinal);
        return dash > 0 ? [$"{package.Version[..dash]}-{package.Version[(dash + 2)..]}-{flavour}"] : [];
    }
}
