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
    private const string HexDigits = "0123456789ABCDEF";

    public static string For(InstalledPackage package, OperatingSystemInfo? os)
    {
        if (LanguagePurlType(package.Type) is { } languageType)
        {
            return ForLanguage(languageType, package);
        }

        // dpkg packages are the purl type "deb". One builder, encoding in place: a purl is made for every package.
        var text = new StringBuilder(96).Append("pkg:").Append(package.Type == "dpkg" ? "deb" : package.Type);
        if (Namespace(package.Type, os) is { } ns)
        {
            AppendEncoded(text.Append('/'), ns);
        }

        AppendEncoded(text.Append('/'), package.Name);
        AppendEncoded(text.Append('@'), package.Version);

        // Qualifiers sorted by key, as the specification asks: arch, distro, epoch.
        var separator = '?';
        if (!string.IsNullOrEmpty(package.Arch))
        {
            AppendEncoded(text.Append(separator).Append("arch="), package.Arch);
            separator = '&';
        }

        if (os is not null)
        {
            AppendEncoded(text.Append(separator).Append("distro="), os.Family);
            if (os.VersionId is not null)
            {
                AppendEncoded(text.Append('-'), os.VersionId);
            }

            separator = '&';
        }

        if (package.Epoch is > 0)
        {
            text.Append(separator).Append("epoch=").Append(package.Epoch.Value.ToString(CultureInfo.InvariantCulture));
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

        var text = new StringBuilder(96).Append("pkg:").Append(purlType);
        if (ns is not null)
        {
            // Each namespace segment is encoded on its own; the slashes between them stay.
            foreach (var segment in ns.Split('/'))
            {
                AppendEncoded(text.Append('/'), segment);
            }
        }

        AppendEncoded(text.Append('/'), name);
        AppendEncoded(text.Append('@'), package.Version);
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

    /// <summary>
    /// Appends the value percent-encoded: everything but the unreserved characters of RFC 3986, as UTF-8 bytes (a lone
    /// surrogate as U+FFFD's, as <see cref="Encoding.UTF8"/> writes it).
    /// </summary>
    private static void AppendEncoded(StringBuilder text, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '.' or '-' or '_' or '~'))
            {
                text.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                text.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
    }
}
