namespace Snapsight.Advisories.Versions;

/// <summary>Release numbers like <c>1.2.3</c>: dot-separated runs of digits, a missing part counting as zero.</summary>
internal static class DottedNumbers
{
    /// <summary>Length of the longest prefix of up to <paramref name="maxParts"/> dot-separated numbers (0 when none).</summary>
    public static int Measure(ReadOnlySpan<char> text, int maxParts)
    {
        var end = Digits.RunLength(text);
        if (end == 0)
        {
            return 0;
        }

        for (var parts = 1; parts < maxParts && end + 1 < text.Length && text[end] == '.'; parts++)
        {
            var run = Digits.RunLength(text[(end + 1)..]);
            if (run == 0)
            {
                break;
            }

            end += 1 + run;
        }

        return end;
    }

    /// <summary>Orders two well-formed dotted numbers part by part; <c>1.0</c> equals <c>1.0.0</c>.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        while (!a.IsEmpty || !b.IsEmpty)
        {
            var order = Digits.CompareNumbers(TakePart(ref a), TakePart(ref b));
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static ReadOnlySpan<char> TakePart(ref ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        var part = dot < 0 ? text : text[..dot];
        text = dot < 0 ? default : text[(dot + 1)..];
        return part;
    }
}
