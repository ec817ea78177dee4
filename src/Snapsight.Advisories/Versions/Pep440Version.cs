namespace Snapsight.Advisories.Versions;

/// <summary>
/// One PEP 440 version read in place, with packaging's spellings normalised as it reads:
/// case ignored, <c>-</c>, <c>_</c> and <c>.</c> interchangeable, <c>alpha</c>/<c>beta</c>/
/// <c>c</c>/<c>pre</c>/<c>preview</c> for a/b/rc, <c>rev</c>/<c>r</c>/<c>-N</c> for post,
/// implicit numbers zero.
/// </summary>
internal ref struct Pep440Version
{
    public ReadOnlySpan<char> Epoch;
    public ReadOnlySpan<char> Release;

    /// <summary>0 none, 1 a, 2 b, 3 rc.</summary>
    public int PreKind;
    public ReadOnlySpan<char> PreNumber;
    public bool HasPost;
    public ReadOnlySpan<char> PostNumber;
    public bool HasDev;
    public ReadOnlySpan<char> DevNumber;
    public bool HasLocal;
    public ReadOnlySpan<char> Local;

    /// <summary>Local version parts may be separated by any of these.</summary>
    public const string LocalSeparators = "-_.";

    public static bool TryParse(ReadOnlySpan<char> text, out Pep440Version parsed)
    {
        parsed = default;
        var version = new Pep440Version();
        var s = text.Trim(' ');
        if (!s.IsEmpty && s[0] is 'v' or 'V')
        {
            s = s[1..];
        }

        var run = Digits.RunLength(s);
        if (run > 0 && run < s.Length && s[run] == '!')
        {
            version.Epoch = s[..run];
            s = s[(run + 1)..];
        }

        version.Release = s[..DottedNumbers.Measure(s, int.MaxValue)];
        if (version.Release.IsEmpty)
        {
            return false;
        }

        s = s[version.Release.Length..];
        ReadPre(ref s, ref version);
        ReadPost(ref s, ref version);
        ReadDev(ref s, ref version);
        if (!s.IsEmpty && s[0] == '+')
        {
            version.HasLocal = true;
            version.Local = s[1..];
            parsed = version;
            return Identifiers.AreWellFormed(version.Local, LocalSeparators, allowHyphen: false);
        }

        parsed = version;
        return s.IsEmpty;
    }

    private static void ReadPre(ref ReadOnlySpan<char> s, ref Pep440Version version) =>
        version.PreKind = ReadLabelled(ref s, PreLabels, out version.PreNumber);

    private static void ReadPost(ref ReadOnlySpan<char> s, ref Pep440Version version)
    {
        if (s.Length > 1 && s[0] == '-' && Digits.IsDigit(s[1]))
        {
            version.HasPost = true;
            version.PostNumber = s[1..(1 + Digits.RunLength(s[1..]))];
            s = s[(1 + version.PostNumber.Length)..];
            return;
        }

        version.HasPost = ReadLabelled(ref s, PostLabels, out version.PostNumber) != 0;
    }

    /// <summary>An optional separator, one of <paramref name="labels"/> and its number; the label's kind, or 0 (nothing read) when none matches.</summary>
    private static int ReadLabelled(scoped ref ReadOnlySpan<char> s, (string Label, int Kind)[] labels, out ReadOnlySpan<char> number)
    {
        number = default;
        var rest = SkipSeparator(s);
        var (kind, length) = MatchLabel(rest, labels);
        if (kind != 0)
        {
            s = ReadNumber(rest[length..], out number);
        }

        return kind;
    }

    private static void ReadDev(ref ReadOnlySpan<char> s, ref Pep440Version version) =>
        version.HasDev = ReadLabelled(ref s, DevLabels, out version.DevNumber) != 0;

    /// <summary>An optional separator and digits after a label; an absent number is zero (empty).</summary>
    private static ReadOnlySpan<char> ReadNumber(ReadOnlySpan<char> s, out ReadOnlySpan<char> number)
    {
        var afterSeparator = SkipSeparator(s);
        var run = Digits.RunLength(afterSeparator);
        number = afterSeparator[..run];
        return run > 0 || afterSeparator.Length < s.Length ? afterSeparator[run..] : s;
    }

    private static ReadOnlySpan<char> SkipSeparator(ReadOnlySpan<char> s) => !s.IsEmpty && s[0] is '-' or '_' or '.' ? s[1..] : s;

    /// <summary>Labels in the order packaging's pattern tries them (longer spellings first).</summary>
    private static readonly (string Label, int Kind)[] PreLabels =
        [("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("preview", 3), ("pre", 3), ("c", 3), ("rc", 3)];

    private static readonly (string Label, int Kind)[] PostLabels = [("post", 1), ("rev", 1), ("r", 1)];

    private static readonly (string Label, int Kind)[] DevLabels = [("dev", 1)];

    private static (int Kind, int Length) MatchLabel(ReadOnlySpan<char> s, (string Label, int Kind)[] labels)
    {
        foreach (var (label, kind) in labels)
        {
            if (s.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                return (kind, label.Length);
            }
        }

        return (0, 0);
    }
}
