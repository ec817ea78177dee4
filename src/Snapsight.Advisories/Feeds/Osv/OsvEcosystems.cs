using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>
/// Maps an OSV ecosystem string to the store's <see cref="AdvisoryScope"/>: "Debian:12",
/// "Ubuntu:22.04:LTS", "Alpine:v3.18", "AlmaLinux:8", "Rocky Linux:9",
/// "Red Hat:enterprise_linux:9::appstream", "SUSE:Linux Enterprise Server 15 SP5",
/// "openSUSE:Leap 15.5", "Azure Linux:3", "Mariner:2.0", and the language ecosystems.
/// Ubuntu Pro (ESM) and anything unrecognised map to null and are not stored: their fixes are
/// not reachable from the releases we detect.
/// </summary>
public static class OsvEcosystems
{
    public static AdvisoryScope? ToScope(string ecosystem)
    {
        var parts = ecosystem.Split(':');
        var rest = parts.Length > 1 ? parts[1] : "";
        return parts[0] switch
        {
            "Debian" => Distribution(Ecosystems.Debian, Major(rest)),
            "Ubuntu" when rest != "Pro" => Distribution(Ecosystems.Ubuntu, rest),
            "Alpine" => Distribution(Ecosystems.Alpine, rest.TrimStart('v')),
            "AlmaLinux" => Distribution(Ecosystems.AlmaLinux, Major(rest)),
            "Rocky Linux" => Distribution(Ecosystems.Rocky, Major(rest)),
            "Red Hat" when parts.Length > 2 => Distribution(Ecosystems.RedHat, Major(parts[2])),
            "SUSE" => Distribution(Ecosystems.Suse, SuseRelease(rest)),
            "openSUSE" when rest.StartsWith("Leap ", StringComparison.Ordinal) => Distribution(Ecosystems.OpenSuse, rest["Leap ".Length..]),
            "Azure Linux" => Distribution(Ecosystems.AzureLinux, Major(rest)),
            "Mariner" => Distribution(Ecosystems.Mariner, Major(rest)),
            "PyPI" => new AdvisoryScope(Ecosystems.PyPI, ""),
            "npm" => new AdvisoryScope(Ecosystems.Npm, ""),
            "Maven" => new AdvisoryScope(Ecosystems.Maven, ""),
            "Go" => new AdvisoryScope(Ecosystems.Go, ""),
            "crates.io" => new AdvisoryScope(Ecosystems.CratesIo, ""),
            "NuGet" => new AdvisoryScope(Ecosystems.NuGet, ""),
            "RubyGems" => new AdvisoryScope(Ecosystems.RubyGems, ""),
            _ => null,
        };
    }

    private static AdvisoryScope? Distribution(string ecosystem, string? release) =>
        string.IsNullOrEmpty(release) ? null : new AdvisoryScope(ecosystem, release);

    /// <summary>"8", "8.6", "enterprise_linux 9" style text down to its leading number.</summary>
    private static string? Major(string text)
    {
        var digits = text.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray();
        return digits.Length == 0 ? null : new string(digits);
    }

    /// <summary>"Linux Enterprise Server 15 SP5" → "15.5"; "… 15" → "15"; SUSE Micro and unnumbered products → null.</summary>
    private static string? SuseRelease(string product)
    {
        if (product.Contains("Micro", StringComparison.Ordinal))
        {
            return null;
        }

        var words = product.Split(' ');
        var major = Array.FindLastIndex(words, w => w.Length > 0 && w.All(char.IsAsciiDigit));
        if (major < 0)
        {
            return null;
        }

        var servicePack = major + 1 < words.Length && words[major + 1].StartsWith("SP", StringComparison.Ordinal) ? words[major + 1][2..] : null;
        return servicePack is { Length: > 0 } && servicePack.All(char.IsAsciiDigit) ? $"{words[major]}.{servicePack}" : words[major];
    }
}
