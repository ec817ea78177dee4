namespace Snapsight.Advisories.Versions;

/// <summary>
/// The canonical segments of a RubyGems version, produced in place: digit runs and letter runs,
/// <c>pre</c> for each <c>-</c>, with the zeros Gem::Version drops (at the end of the leading
/// numeric part and at the very end) skipped. Each run of zeros is looked ahead over once.
/// </summary>
internal ref struct GemSegments(ReadOnlySpan<char> version)
{
    private ReadOnlySpan<char> rest = version;
    private bool seenLetters;
    private int zerosToEmit;
    private bool pendingPre;

    public bool Next(out ReadOnlySpan<char> segment, out bool numeric)
    {
        if (zerosToEmit > 0)
        {
            zerosToEmit--;
            segment = "0";
            numeric = true;
            return true;
        }

        var consumed = Read(rest, ref pendingPre, out segment, out numeric);
        if (consumed < 0)
        {
            return false;
        }

        rest = rest[consumed..];

        if (!numeric)
        {
            seenLetters = true;
            return true;
        }

        if (!Digits.IsZero(segment))
        {
            return true;
        }

        // A run of zeros: dropped before the end, and before the first letters; kept otherwise.
        // Either way the whole run is consumed here, so no zero is looked at twice.
        var zeros = 1;
        bool more;
        bool afterNumeric;
        while (true)
        {
            var probePre = pendingPre;
            var probed = Read(rest, ref probePre, out var after, out afterNumeric);
            more = probed >= 0;
            if (!more || !afterNumeric || !Digits.IsZero(after))
            {
                break;
            }

            rest = rest[probed..];
            pendingPre = probePre;
            zeros++;
        }

        if (!more)
        {
            return false;
        }

        if (!afterNumeric && !seenLetters)
        {
            return Next(out segment, out numeric);
        }

        zerosToEmit = zeros - 1;
        segment = "0";
        return true;
    }

    /// <summary>
    /// The next raw segment (a digit run, a letter run, or the <c>pre</c> a dash stands for) and
    /// how many characters of <paramref name="text"/> it used; -1 at the end.
    /// </summary>
    private static int Read(ReadOnlySpan<char> text, scoped ref bool pendingPre, out ReadOnlySpan<char> segment, out bool numeric)
    {
        var used = 0;
        while (true)
        {
            if (pendingPre)
            {
                pendingPre = false;
                segment = "pre";
                numeric = false;
                return used;
            }

            if (text.IsEmpty)
            {
                segment = default;
                numeric = false;
                return -1;
            }

            var digits = Digits.RunLength(text);
            var letters = digits == 0 ? Digits.LetterRunLength(text) : 0;
            if (digits + letters > 0)
            {
                segment = text[..(digits + letters)];
                numeric = digits > 0;
                return used + segment.Length;
            }

            pendingPre = text[0] == '-';
            text = text[1..];
            used++;
        }
    }
}
