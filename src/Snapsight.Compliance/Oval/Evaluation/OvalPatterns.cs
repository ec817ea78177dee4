using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// OVAL's "pattern match": a Perl-style regular expression searched for (not anchored) in the
/// value. Patterns come from content and are compiled once; every match runs under a time
/// limit, so a pathological pattern or line gives an error result instead of a hang.
/// </summary>
public static class OvalPatterns
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int MaxCachedPatterns = 4096;

    private static readonly ConcurrentDictionary<(string, RegexOptions), Regex?> Cache = new();

    /// <summary>The compiled pattern, or null when it is not a valid regular expression.</summary>
    public static Regex? Get(string pattern, RegexOptions options = RegexOptions.None)
    {
        if (Cache.TryGetValue((pattern, options), out var cached))
        {
            return cached;
        }

        Regex? regex;
        try
        {
            regex = new Regex(PosixCharacterClasses.Translate(pattern), options | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            regex = null;
        }

        if (Cache.Count < MaxCachedPatterns)
        {
            Cache.TryAdd((pattern, options), regex);
        }

        return regex;
    }

    public static OvalResult IsMatch(string pattern, string value)
    {
        var regex = Get(pattern);
        if (regex is null)
        {
            return OvalResult.Error;
        }

        try
        {
            return regex.IsMatch(value) ? OvalResult.True : OvalResult.False;
        }
        catch (RegexMatchTimeoutException)
        {
            return OvalResult.Error;
        }
    }
}
