namespace Snapsight.Advisories.Versions;

/// <summary>
/// Python package versions (PEP 440, as the <c>packaging</c> library orders them): epoch, release
/// numbers (trailing zeros do not count), then dev-only releases &lt; pre-releases (a &lt; b &lt; rc)
/// &lt; the release &lt; post-releases, a dev release just below what it leads to, and a local
/// label above the public version. A string that is not PEP 440 is still ordered, as pip's
/// legacy versions were: below every PEP 440 version, and among themselves by text ignoring
/// case. Only a blank string is refused.
/// </summary>
public sealed class Pep440VersionComparer : VersionComparer
{
    public static Pep440VersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.Pep440;

    /// <summary>Whether <paramref name="version"/> follows PEP 440 (rather than being a legacy string).</summary>
    public static bool IsPep440(string version) => Pep440Version.TryParse(version, out _);

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => true;

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var validA = Pep440Version.TryParse(a, out var left);
        var validB = Pep440Version.TryParse(b, out var right);
        if (!validA || !validB)
        {
            return validA != validB ? validA.CompareTo(validB) : a.Trim(' ').CompareTo(b.Trim(' '), StringComparison.OrdinalIgnoreCase);
        }

        var order = Digits.CompareNumbers(left.Epoch, right.Epoch);
        if (order == 0)
        {
            order = DottedNumbers.Compare(left.Release, right.Release);
        }

        if (order == 0)
        {
            order = ComparePre(ref left, ref right);
        }

        if (order == 0)
        {
            order = left.HasPost != right.HasPost ? left.HasPost.CompareTo(right.HasPost) : Digits.CompareNumbers(left.PostNumber, right.PostNumber);
        }

        if (order == 0)
        {
            order = left.HasDev != right.HasDev ? right.HasDev.CompareTo(left.HasDev) : Digits.CompareNumbers(left.DevNumber, right.DevNumber);
        }

        return order != 0 ? order : CompareLocal(ref left, ref right);
    }

    /// <summary>The pre-release rank: a bare dev release below every pre-release, no pre-release above them all.</summary>
    private static int ComparePre(ref Pep440Version left, ref Pep440Version right)
    {
        var rankA = PreRank(ref left);
        var rankB = PreRank(ref right);
        if (rankA != rankB)
        {
            return rankA.CompareTo(rankB);
        }

        return left.PreKind == 0 ? 0 : Digits.CompareNumbers(left.PreNumber, right.PreNumber);
    }

    private static int PreRank(ref Pep440Version version) => version.PreKind switch
    {
        0 when version.HasDev && !version.HasPost => -1,
        0 => int.MaxValue,
        var kind => kind,
    };

    /// <summary>Local labels: parts in turn, numbers above words, words ignoring case, more parts above fewer.</summary>
    private static int CompareLocal(ref Pep440Version left, ref Pep440Version right) =>
        left.HasLocal && right.HasLocal
            ? Identifiers.Compare(left.Local, right.Local, Pep440Version.LocalSeparators, numbersFirst: false, ignoreCase: true)
            : left.HasLocal.CompareTo(right.HasLocal);
}
