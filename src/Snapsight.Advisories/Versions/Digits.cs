namespace Snapsight.Advisories.Versions;

/// <summary>
/// Numbers in versions compared as strings of decimal digits: a 10,000-digit segment orders
/// correctly without being parsed into a fixed-width (or big) integer.
/// </summary>
internal static class Digits
{
    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    /// <summary>Length of the run of digits at the start of <paramref name="text"/>.</summary>
    public static int RunLength(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Length of the run of ASCII letters at the start of <paramref name="text"/>.</summary>
    public static int LetterRunLength(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && IsAsciiLetter(text[i]))
        {
            i++;
        }

        return i;
    }

    public static bool AreAll(ReadOnlySpan<char> text) => RunLength(text) == text.Length;

    /// <summary>Orders two runs of digits by value; empty counts as zero.</summary>
    public static int CompareNumbers(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = TrimLeadingZeros(a);
        b = TrimLeadingZeros(b);
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }

    public static bool IsZero(ReadOnlySpan<char> digits) => TrimLeadingZeros(digits).IsEmpty;

    public static ReadOnlySpan<char> TrimLeadingZeros(ReadOnlySpan<char> digits)
    {
        var i = 0;
        while (i < digits.Length && digits[i] == '0')
        {
            i++;
        }

        return digits[i..];
    }
}
