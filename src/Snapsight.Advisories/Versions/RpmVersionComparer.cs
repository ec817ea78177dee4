namespace Snapsight.Advisories.Versions;

/// <summary>
/// rpm versions, <c>[epoch:]version[-release]</c>, ordered as rpm ≥ 4.15's <c>rpm.vercmp</c>:
/// the epoch is the digits before a colon (none means 0), the release is what follows the
/// last dash (a version with one sorts above the same version without), and each part is compared with
/// rpmvercmp (tilde sorts before everything, caret after the end but before anything else).
/// Only a blank string is refused (rpm refuses the empty one, and orders blanks as empty).
/// </summary>
public sealed class RpmVersionComparer : VersionComparer
{
    public static RpmVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.Rpm;

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => true;

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Split(a, out var epochA, out var versionA, out var releaseA, out var hasReleaseA);
        Split(b, out var epochB, out var versionB, out var releaseB, out var hasReleaseB);
        var order = CompareSegment(epochA, epochB);
        if (order == 0)
        {
            order = CompareSegment(versionA, versionB);
        }

        if (order != 0)
        {
            return order;
        }

        // rpm 4.18: a release, even an empty one, sorts above none at all.
        return hasReleaseA && hasReleaseB ? CompareSegment(releaseA, releaseB) : hasReleaseA.CompareTo(hasReleaseB);
    }

    /// <summary>rpm's own split: the epoch colon must follow digits only; the release starts after the last dash beyond them.</summary>
    private static void Split(ReadOnlySpan<char> evr, out ReadOnlySpan<char> epoch, out ReadOnlySpan<char> version, out ReadOnlySpan<char> release, out bool hasRelease)
    {
        var digits = Digits.RunLength(evr);
        epoch = "0";
        version = evr;
        var dash = evr[digits..].LastIndexOf('-');
        if (dash >= 0)
        {
            dash += digits;
        }

        if (digits < evr.Length && evr[digits] == ':')
        {
            if (digits > 0)
            {
                epoch = evr[..digits];
            }

            version = evr[(digits + 1)..];
            dash -= digits + 1;
        }

        hasRelease = dash >= 0;
        release = hasRelease ? version[(dash + 1)..] : default;
        version = hasRelease ? version[..dash] : version;
    }

    /// <summary>rpmvercmp: runs of digits or of letters compared in turn, anything else only separates.</summary>
    internal static int CompareSegment(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && IsSeparator(a[i]))
            {
                i++;
            }

            while (j < b.Length && IsSeparator(b[j]))
            {
                j++;
            }

            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (i == a.Length)
                {
                    return -1;
                }

                if (j == b.Length)
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i == a.Length || j == b.Length)
            {
                break;
            }

            var numeric = Digits.IsDigit(ca);
            var runA = numeric ? Digits.RunLength(a[i..]) : Digits.LetterRunLength(a[i..]);
            var runB = numeric ? Digits.RunLength(b[j..]) : Digits.LetterRunLength(b[j..]);
            if (runB == 0)
            {
                // One side has a number where the other has letters: the number is newer.
                return numeric ? 1 : -1;
            }

            var order = numeric
                ? Digits.CompareNumbers(a.Slice(i, runA), b.Slice(j, runB))
                : a.Slice(i, runA).SequenceCompareTo(b.Slice(j, runB));
            if (order != 0)
            {
                return order;
            }

            i += runA;
            j += runB;
        }

        return i == a.Length && j == b.Length ? 0 : i == a.Length ? -1 : 1;
    }

    private static bool IsSeparator(char c) => !Digits.IsDigit(c) && !Digits.IsAsciiLetter(c) && c != '~' && c != '^';
}
