namespace Snapsight.Advisories.Versions;

/// <summary>
/// Labels made of separated identifiers: SemVer pre-releases (<c>rc.1</c>) and PEP 440 local
/// versions (<c>ubuntu-1.2</c>). Identifiers compare in turn, all-digit ones by value and on one
/// side of the others (below them in SemVer, above in PEP 440), the others as text; a label
/// that is a prefix of the other sorts first.
/// </summary>
internal static class Identifiers
{
    /// <summary>Non-empty identifiers of ASCII letters and digits (and hyphens where allowed).</summary>
    public static bool AreWellFormed(ReadOnlySpan<char> label, ReadOnlySpan<char> separators, bool allowHyphen)
    {
        foreach (var range in label.SplitAny(separators))
        {
            var identifier = label[range];
            if (identifier.IsEmpty)
            {
                return false;
            }

            foreach (var c in identifier)
            {
                if (!Digits.IsDigit(c) && !Digits.IsAsciiLetter(c) && !(allowHyphen && c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> separators, bool numbersFirst, bool ignoreCase)
    {
        var left = a.SplitAny(separators);
        var right = b.SplitAny(separators);
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            var order = CompareIdentifier(a[left.Current], b[right.Current], numbersFirst, ignoreCase);
            if (order != 0)
            {
                return order;
            }
        }
    }

    private static int CompareIdentifier(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool numbersFirst, bool ignoreCase)
    {
        var numericA = Digits.AreAll(a);
        var numericB = Digits.AreAll(b);
        if (numericA && numericB)
        {
            return Digits.CompareNumbers(a, b);
        }

        if (numericA != numericB)
        {
            return numericA == numbersFirst ? -1 : 1;
        }

        return ignoreCase ? a.CompareTo(b, StringComparison.OrdinalIgnoreCase) : a.SequenceCompareTo(b);
    }
}
