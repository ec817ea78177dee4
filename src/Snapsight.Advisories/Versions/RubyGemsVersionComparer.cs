namespace Snapsight.Advisories.Versions;

/// <summary>
/// RubyGems versions ordered as <c>Gem::Version#&lt;=&gt;</c>: the version is cut into runs of
/// digits and runs of letters (a <c>-</c> reads as <c>.pre.</c>), trailing zeros of the leading
/// numeric part and of the whole are dropped, then segments compare in turn with zero for a
/// missing one: numbers by value, letters as text, and letters (a pre-release) below numbers.
/// Refused, as Gem::Version refuses them: anything outside its pattern (digits first, then
/// <c>.</c>-separated alphanumerics, then an optional <c>-</c> label), except that letters may
/// follow the first number directly (<c>1beta</c>). A blank string, which
/// RubyGems reads as "0", is refused too: it says nothing about what is installed.
/// </summary>
public sealed class RubyGemsVersionComparer : VersionComparer
{
    public static RubyGemsVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.RubyGems;

    protected override bool IsWellFormed(ReadOnlySpan<char> version)
    {
        var s = version.Trim(' ');
        var dash = s.IndexOf('-');
        var release = dash < 0 ? s : s[..dash];
        // Letters straight after the first number (1beta) are accepted: RubyGems 3.3 refuses them,
        // but they segment unambiguously and advisories use them.
        var first = Digits.RunLength(release);
        first += first == 0 ? 0 : Digits.LetterRunLength(release[first..]);
        if (first == 0 || !AreSegments(release[first..], allowDash: false, leadingDot: true))
        {
            return false;
        }

        return dash < 0 || AreSegments(s[(dash + 1)..], allowDash: true, leadingDot: false);
    }

    /// <summary>Dot-separated non-empty alphanumeric segments (hyphens too, in the pre-release label).</summary>
    private static bool AreSegments(ReadOnlySpan<char> text, bool allowDash, bool leadingDot)
    {
        if (leadingDot)
        {
            if (text.IsEmpty)
            {
                return true;
            }

            if (text[0] != '.')
            {
                return false;
            }

            text = text[1..];
        }

        return Identifiers.AreWellFormed(text, ".", allowDash);
    }

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var left = new GemSegments(a.Trim(' '));
        var right = new GemSegments(b.Trim(' '));
        while (true)
        {
            var hasLeft = left.Next(out var segmentA, out var numericA);
            var hasRight = right.Next(out var segmentB, out var numericB);
            if (!hasLeft && !hasRight)
            {
                return 0;
            }

            // A missing segment is the number zero.
            numericA |= !hasLeft;
            numericB |= !hasRight;
            if (numericA != numericB)
            {
                return numericA ? 1 : -1;
            }

            var order = numericA ? Digits.CompareNumbers(segmentA, segmentB) : segmentA.SequenceCompareTo(segmentB);
            if (order != 0)
            {
                return order;
            }
        }
    }
}
