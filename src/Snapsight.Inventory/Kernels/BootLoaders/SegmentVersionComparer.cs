namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// rpm's version comparison (rpmvercmp), which boot loaders reuse to put the newest kernel
/// first: the strings are cut into runs of digits and runs of letters, separators ignored;
/// digit runs compare as numbers and beat letter runs; '~' sorts before everything, even the end.
/// </summary>
public sealed class SegmentVersionComparer : IComparer<string?>
{
    public static SegmentVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        x ??= "";
        y ??= "";
        int i = 0, j = 0;
        while (true)
        {
            while (i < x.Length && !char.IsAsciiLetterOrDigit(x[i]) && x[i] != '~')
            {
                i++;
            }

            while (j < y.Length && !char.IsAsciiLetterOrDigit(y[j]) && y[j] != '~')
            {
                j++;
            }

            var xTilde = i < x.Length && x[i] == '~';
            var yTilde = j < y.Length && y[j] == '~';
            if (xTilde || yTilde)
            {
                if (!(xTilde && yTilde))
                {
                    return xTilde ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= x.Length || j >= y.Length)
            {
                return (i < x.Length ? 1 : 0) - (j < y.Length ? 1 : 0);
            }

            var numeric = char.IsAsciiDigit(x[i]);
            var xRun = Run(x, ref i, numeric);
            var yRun = Run(y, ref j, numeric);
            if (yRun.Length == 0)
            {
                return numeric ? 1 : -1; // digits beat letters
            }

            var order = numeric ? CompareNumbers(xRun, yRun) : string.CompareOrdinal(xRun, yRun);
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }
    }

    private static string Run(string s, ref int at, bool digits)
    {
        var start = at;
        while (at < s.Length && (digits ? char.IsAsciiDigit(s[at]) : char.IsAsciiLetter(s[at])))
        {
            at++;
        }

        return s[start..at];
    }

    private static int CompareNumbers(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }
}
