namespace Snapsight.Advisories.Versions;

/// <summary>The kinds of apk version token, in the order they may follow one another (apk-tools 2).</summary>
internal enum ApkToken
{
    Invalid = -1,
    DigitOrZero,
    Digit,
    Letter,
    Suffix,
    SuffixNumber,
    Revision,
    End,
}

/// <summary>
/// One token's value: a run of digits (compared by value, any length), or a small number: minus
/// the count of leading zeros after a dot, a letter's code, or a suffix's rank (pre-releases negative).
/// </summary>
internal readonly ref struct ApkValue(ReadOnlySpan<char> digits, long small, bool isDigits)
{
    public ReadOnlySpan<char> Digits { get; } = digits;

    public long Small { get; } = small;

    public bool IsDigits { get; } = isDigits;

    public static ApkValue Number(ReadOnlySpan<char> digits) => new(digits, 0, true);

    public static ApkValue Of(long small) => new(default, small, false);

    public int CompareTo(ApkValue other)
    {
        if (IsDigits && other.IsDigits)
        {
            return Versions.Digits.CompareNumbers(Digits, other.Digits);
        }

        if (!IsDigits && !other.IsDigits)
        {
            return Small.CompareTo(other.Small);
        }

        return IsDigits ? CompareNumberWithSmall(Digits, other.Small) : -CompareNumberWithSmall(other.Digits, Small);
    }

    private static int CompareNumberWithSmall(ReadOnlySpan<char> digits, long small)
    {
        var trimmed = Versions.Digits.TrimLeadingZeros(digits);
        if (small < 0 || trimmed.Length > 18)
        {
            return 1;
        }

        return long.Parse(trimmed.IsEmpty ? "0" : trimmed, System.Globalization.CultureInfo.InvariantCulture).CompareTo(small);
    }
}

/// <summary>
/// Walks an apk version the way apk-tools 2 (every Alpine 3.x release) does: each call reads the
/// value of the token of the current kind and decides the kind of the next one; a token out of
/// order turns the kind <see cref="ApkToken.Invalid"/>.
/// </summary>
internal ref struct ApkTokenizer(ReadOnlySpan<char> version)
{
    /// <summary>Pre-release suffixes rank below zero, the rest from zero up, in this order.</summary>
    private static readonly string[] PreSuffixes = ["alpha", "beta", "pre", "rc"];
    private static readonly string[] PostSuffixes = ["cvs", "svn", "git", "hg", "p"];

    private ReadOnlySpan<char> rest = version;

    public ApkToken Kind { get; private set; } = ApkToken.Digit;

    /// <summary>
    /// The pending kind when two versions part ways: a number that must follow (after a dot or
    /// <c>-r</c>) but is missing makes the rest invalid, as apk-tools 3 reads it.
    /// </summary>
    public readonly ApkToken KindForOrdering =>
        Kind is ApkToken.DigitOrZero or ApkToken.Revision && (rest.IsEmpty || !Digits.IsDigit(rest[0])) ? ApkToken.Invalid : Kind;

    /// <summary>Reads the current token's value and moves to the next token.</summary>
    public ApkValue Read()
    {
        if (rest.IsEmpty)
        {
            Kind = ApkToken.End;
            return ApkValue.Of(0);
        }

        int length;
        ApkValue value;
        var next = ApkToken.Invalid;
        switch (Kind)
        {
            case ApkToken.DigitOrZero when rest[0] == '0':
                // Leading zeros after a dot count against the number: 1.05 < 1.5.
                length = 1;
                while (length < rest.Length && rest[length] == '0')
                {
                    length++;
                }

                value = ApkValue.Of(-length);
                next = ApkToken.Digit;
                break;
            case ApkToken.DigitOrZero or ApkToken.Digit or ApkToken.SuffixNumber or ApkToken.Revision:
                length = Digits.RunLength(rest);
                value = ApkValue.Number(rest[..length]);
                break;
            case ApkToken.Letter:
                length = 1;
                value = ApkValue.Of(rest[0]);
                break;
            case ApkToken.Suffix when MatchSuffix(rest, out var rank, out length):
                value = ApkValue.Of(rank);
                break;
            default:
                Kind = ApkToken.Invalid;
                return ApkValue.Of(-1);
        }

        rest = rest[length..];
        if (rest.IsEmpty)
        {
            Kind = ApkToken.End;
        }
        else if (next != ApkToken.Invalid)
        {
            Kind = next;
        }
        else
        {
            Kind = NextKind();
        }

        return value;
    }

    /// <summary>apk's next_token: what the next character starts, and whether it may follow the current kind.</summary>
    private ApkToken NextKind()
    {
        var c = rest[0];
        ApkToken next;
        if (Kind is ApkToken.Digit or ApkToken.DigitOrZero && c is >= 'a' and <= 'z')
        {
            next = ApkToken.Letter;
        }
        else if (Kind == ApkToken.Letter && Digits.IsDigit(c))
        {
            next = ApkToken.Digit;
        }
        else if (Kind == ApkToken.Suffix && Digits.IsDigit(c))
        {
            next = ApkToken.SuffixNumber;
        }
        else
        {
            next = c switch
            {
                '.' => ApkToken.DigitOrZero,
                '_' => ApkToken.Suffix,
                '-' when rest.Length > 1 && rest[1] == 'r' => ApkToken.Revision,
                _ => ApkToken.Invalid,
            };
            rest = rest[(next == ApkToken.Revision ? 2 : 1)..];
        }

        var allowedBackStep = (next == ApkToken.DigitOrZero && Kind == ApkToken.Digit)
            || (next == ApkToken.Suffix && Kind == ApkToken.SuffixNumber)
            || (next == ApkToken.Digit && Kind == ApkToken.Letter);
        return next < Kind && !allowedBackStep ? ApkToken.Invalid : next;
    }

    /// <summary>apk matches suffix names as prefixes, pre-releases first.</summary>
    private static bool MatchSuffix(ReadOnlySpan<char> text, out int rank, out int length)
    {
        for (var i = 0; i < PreSuffixes.Length; i++)
        {
            if (text.StartsWith(PreSuffixes[i], StringComparison.Ordinal))
            {
                rank = i - PreSuffixes.Length;
                length = PreSuffixes[i].Length;
                return true;
            }
        }

        for (var i = 0; i < PostSuffixes.Length; i++)
        {
            if (text.StartsWith(PostSuffixes[i], StringComparison.Ordinal))
            {
                rank = i;
                length = PostSuffixes[i].Length;
                return true;
            }
        }

        rank = length = 0;
        return false;
    }
}
