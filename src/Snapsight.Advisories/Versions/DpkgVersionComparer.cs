namespace Snapsight.Advisories.Versions;

/// <summary>
/// Debian versions, <c>[epoch:]upstream[-revision]</c>, ordered as <c>dpkg --compare-versions</c>
/// does (Debian policy §5.6.12). Refused, as dpkg refuses them: an empty string, embedded
/// spaces, an epoch that is empty, not a number or above 2147483647, nothing after the colon,
/// an empty upstream part, an empty revision after a dash. dpkg only warns about an upstream
/// part not starting with a digit or odd characters, and orders such versions; so do we.
/// </summary>
public sealed class DpkgVersionComparer : VersionComparer
{
    public static DpkgVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.Dpkg;

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => TrySplit(version, out _, out _, out _);

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        TrySplit(a, out var epochA, out var upstreamA, out var revisionA);
        TrySplit(b, out var epochB, out var upstreamB, out var revisionB);
        var order = Digits.CompareNumbers(epochA, epochB);
        if (order == 0)
        {
            order = CompareSegment(upstreamA, upstreamB);
        }

        return order != 0 ? order : CompareSegment(revisionA, revisionB);
    }

    private static bool TrySplit(ReadOnlySpan<char> version, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> upstream, out ReadOnlySpan<char> revision)
    {
        version = version.Trim(' ');
        epoch = upstream = revision = default;
        if (version.IsEmpty || version.Contains(' '))
        {
            return false;
        }

        var colon = version.IndexOf(':');
        if (colon >= 0)
        {
            epoch = version[..colon];
            if (epoch.IsEmpty || !Digits.AreAll(epoch) || Digits.CompareNumbers(epoch, "2147483647") > 0 || colon == version.Length - 1)
            {
                return false;
            }

            version = version[(colon + 1)..];
        }

        var dash = version.LastIndexOf('-');
        if (dash >= 0)
        {
            revision = version[(dash + 1)..];
            version = version[..dash];
            if (revision.IsEmpty)
            {
                return false;
            }
        }

        upstream = version;
        return !upstream.IsEmpty;
    }

    /// <summary>dpkg's verrevcmp: alternate non-digit runs (by <see cref="Weight"/>) and digit runs (by value).</summary>
    private static int CompareSegment(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !Digits.IsDigit(a[i])) || (j < b.Length && !Digits.IsDigit(b[j])))
            {
                var weightA = i < a.Length ? Weight(a[i]) : 0;
                var weightB = j < b.Length ? Weight(b[j]) : 0;
                if (weightA != weightB)
                {
                    return weightA - weightB;
                }

                i++;
                j++;
            }

            var runA = a[Math.Min(i, a.Length)..];
            var runB = b[Math.Min(j, b.Length)..];
            var lengthA = Digits.RunLength(runA);
            var lengthB = Digits.RunLength(runB);
            var order = Digits.CompareNumbers(runA[..lengthA], runB[..lengthB]);
            if (order != 0)
            {
                return order;
            }

            i += lengthA;
            j += lengthB;
        }

        return 0;
    }

    /// <summary>Tilde sorts before everything, even the end; letters before other characters.</summary>
    private static int Weight(char c) => c switch
    {
        '~' => -1,
        _ when Digits.IsDigit(c) => 0,
        _ when Digits.IsAsciiLetter(c) => c,
        _ => c + 256,
    };
}
