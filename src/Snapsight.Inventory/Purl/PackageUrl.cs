using System.Globalization;
using System.Text;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Purl;

/// <summary>
/// Package URLs (github.com/package-url/purl-spec) for OS packages: <c>pkg:deb/debian/…</c>,
/// <c>pkg:rpm/redhat/…</c>, <c>pkg:apk/alpine/…</c>, with the architecture, the rpm epoch and
/// the distribution ("debian-12") as qualifiers, sorted by key as the specification asks.
/// </summary>
public static class PackageUrl
{
    public static string For(InstalledPackage package, OperatingSystemInfo? os)
    {
        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(package.Arch))
        {
            qualifiers["arch"] = package.Arch;
        }

        if (package.Epoch is > 0)
        {
            qualifiers["epoch"] = package.Epoch.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (os is not null)
        {
            qualifiers["distro"] = os.VersionId is null ? os.Family : $"{os.Family}-{os.VersionId}";
        }

        // dpkg packages are the purl type "deb".
        var text = new StringBuilder("pkg:").Append(package.Type == "dpkg" ? "deb" : package.Type);
        if (Namespace(package.Type, os) is { } ns)
        {
            text.Append('/').Append(Encode(ns));
        }

        text.Append('/').Append(Encode(package.Name)).Append('@').Append(Encode(package.Version));
        var separator = '?';
        foreach (var (key, value) in qualifiers)
        {
            text.Append(separator).Append(key).Append('=').Append(Encode(value));
            separator = '&';
        }

        return text.ToString();
    }

    /// <summary>The vendor namespace feeds and other scanners use for each family.</summary>
    private static string? Namespace(string type, OperatingSystemInfo? os) => (type, os?.Family) switch
    {
        ("apk", _) => "alpine",
        ("dpkg", "ubuntu") => "ubuntu",
        ("dpkg", _) => "debian",
        ("rpm", "rhel") => "redhat",
        ("rpm", "amzn") => "amazon",
        ("rpm", "ol") => "oracle",
        ("rpm", "sles" or "sled" or "sle-micro") => "suse",
        ("rpm", { } family) when family.StartsWith("opensuse", StringComparison.Ordinal) => "opensuse",
        ("rpm", { } family) => family,
        _ => null,
    };

    /// <summary>Percent-encodes everything but the unreserved characters of RFC 3986.</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
