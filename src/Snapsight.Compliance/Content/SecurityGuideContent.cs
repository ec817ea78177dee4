using Snapsight.Inventory.Os;

namespace Snapsight.Compliance.Content;

/// <summary>
/// Which installed SCAP Security Guide data stream covers an operating system: the Security
/// Guide names each product's file <c>ssg-PRODUCT-ds.xml</c> (debian11, ubuntu2204, rhel9, cs9,
/// sle15, fedora…), and Debian's ssg-* packages install them in <see cref="DefaultDirectory"/>.
/// </summary>
public static class SecurityGuideContent
{
    public const string DefaultDirectory = "/usr/share/xml/scap/ssg/content";

    /// <summary>The Security Guide's product name for the system, or null when it has none.</summary>
    public static string? ProductOf(OperatingSystemInfo os)
    {
        var version = os.VersionId ?? os.Version ?? "";
        var major = version.Split('.')[0];
        if (major.Length == 0 || !major.All(char.IsAsciiDigit))
        {
            return os.Family is "fedora" or "opensuse" or "opensuse-leap" or "opensuse-tumbleweed" ? ProductWithoutVersion(os.Family) : null;
        }

        return os.Family switch
        {
            "debian" => "debian" + major,
            "ubuntu" => "ubuntu" + version.Replace(".", "", StringComparison.Ordinal),
            "rhel" => "rhel" + major,
            "centos" => (os.Name.Contains("Stream", StringComparison.Ordinal) ? "cs" : "centos") + major,
            "ol" => "ol" + major,
            "sles" or "sled" => "sle" + major,
            "fedora" or "opensuse" or "opensuse-leap" or "opensuse-tumbleweed" => ProductWithoutVersion(os.Family),
            _ => null,
        };
    }

    /// <summary>The data stream for the system in <paramref name="directory"/>, or null when none is installed.</summary>
    public static string? Find(OperatingSystemInfo os, string directory = DefaultDirectory) =>
        ProductOf(os) is { } product && Path.Combine(directory, $"ssg-{product}-ds.xml") is var path && File.Exists(path) ? path : null;

    /// <summary>The products installed in <paramref name="directory"/>, for the message that says none fits.</summary>
    public static IReadOnlyList<string> Installed(string directory = DefaultDirectory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "ssg-*-ds.xml").Select(f => Path.GetFileName(f)[4..^7]).Order(StringComparer.Ordinal).ToArray()
            : [];

    private static string ProductWithoutVersion(string family) =>
        family.StartsWith("opensuse", StringComparison.Ordinal) ? "opensuse" : family;
}
