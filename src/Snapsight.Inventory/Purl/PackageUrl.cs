using System.Globalization;
using System.Text;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Purl;

/// <summary>
/// Package URLs (github.com/package-url/purl-spec) for OS packages: <c>pkg:deb/debian/…</c>,
/// <c>pkg:rpm/redhat/…</c>, <c>pkg:apk/alpine/…</c>, with the architecture, the rpm epoch and
/// the distribution ("debian-12") as qualifiers, sorted by key as the specification asks; and
/// for language packages, which belong to no distribution: <c>pkg:pypi/…</c>,
/// <c>pkg:npm/%40scope/…</c>, <c>pkg:maven/group/artifact@…</c>, <c>pkg:golang/github.com/x/y@…</c>,
/// <c>pkg:gem/…</c>, <c>pkg:nuget/…</c>, <c>pkg:cargo/…</c>.
/// </summary>
public static class PackageUrl
{
    public static string For(InstalledPackage package, OperatingSystemInfo? os)
    {
        if (LanguagePurlType(package.Type) is { } languageType)
        {
            return ForLanguage(languageType, package);
        }

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

    /// <summary>The purl type of a language package type of ours; null for OS package types.</summary>
    private static string? LanguagePurlType(string type) => type switch
    {
        "python" => "pypi",
        "java" => "maven",
        "go" => "golang",
        "npm" or "gem" or "nuget" or "cargo" => type,
        _ => null,
    };

    /// <summary>
    /// The name as the ecosystem spells it, split where the specification splits it: npm's
    /// "@scope/name", Maven's "group:artifact" and Go's module path carry a namespace.
    /// </summary>
    private static string ForLanguage(string purlType, InstalledPackage package)
    {
        var (ns, name) = purlType switch
        {
            // PyPI names compare case-insensitively with '_' and '-' alike; the specification spells them lower-case with '-'.
            "pypi" => (null, package.Name.ToLowerInvariant().Replace('_', '-')),
            "npm" when package.Name.StartsWith('@') && package.Name.IndexOf('/', StringComparison.Ordinal) is > 1 and var slash =>
                (package.Name[..slash], package.Name[(slash + 1)..]),
            "maven" when package.Name.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon =>
                (package.Name[..colon], package.Name[(colon + 1)..]),
            "golang" when package.Name.LastIndexOf('/') is > 0 and var slash =>
                (package.Name[..slash], package.Name[(slash + 1)..]),
            _ => ((string?)null, package.Name),
        };

        var text = new StringBuilder("pkg:").Append(purlType);
        if (ns is not null)
        {
            // Each namespace segment is encoded on its own; the slashes between them stay.
            foreach (var segment in ns.Split('/'))
            {
                text.Append('/').Append(Encode(segment));
            }
        }

        return text.Append('/').Append(Encode(name)).Append('@').Append(Encode(package.Version)).ToString();
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
