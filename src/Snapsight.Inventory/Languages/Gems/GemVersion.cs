namespace Snapsight.Inventory.Languages.Gems;

/// <summary>A version as Gem::Version.new(text).to_s prints it, or null where RubyGems refuses the text.</summary>
internal static class GemVersion
{
    /// <summary>Ruby's \s: Trim() alone would also strip Unicode spaces, which RubyGems refuses.</summary>
    private static readonly char[] RubyWhiteSpace = [' ', '\t', '\n', '\v', '\f', '\r'];

    /// <summary>
    /// Gem::Version allows surrounding white space and strips it, reads a blank version as "0",
    /// accepts <c>N(.X)*(-Y(.Y)*)?</c> and writes a '-' pre-release as ".pre.".
    /// </summary>
    public static string? Normalize(string text)
    {
        var version = text.Trim(RubyWhiteSpace);
        if (version.Length == 0)
        {
            return "0";
        }

        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var release = dash < 0 ? version : version[..dash];
        var releaseSegments = release.Split('.');
        if (!releaseSegments[0].All(char.IsAsciiDigit) || !releaseSegments.All(s => s.Length > 0 && s.All(char.IsAsciiLetterOrDigit)))
        {
            return null;
        }

        if (dash >= 0 && !version[(dash + 1)..].Split('.').All(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return null;
        }

        return version.Replace("-", ".pre.", StringComparison.Ordinal);
    }
}
