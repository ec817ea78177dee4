namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// dpkg's version order (deb-version(7), OVAL's debian_evr_string): [epoch:]upstream[-revision],
/// epochs compare as numbers, upstream and revision by dpkg's verrevcmp ('~' before everything,
/// even the end; letters before other characters; digit runs as numbers).
/// Snapsight.Advisories has its own dpkg comparer; Compliance may not reference Advisories, so
/// this is a deliberate small twin, checked against <c>dpkg --compare-versions</c> in the tests.
/// </summary>
internal static class DebianVersionOrder
{
    /// <summary>The order of two versions (negative, zero, positive), or null when either is not a dpkg version.</summary>
    public static int? Compare(string left, string right)
    {
        if (!TryParse(left, out var a) || !TryParse(right, out var b))
        {
            return null;
        }

        var order = a.Epoch.CompareTo(b.Epoch);
        if (order == 0)
        {
            order = VerRevCompare(a.Upstream, b.Upstream);
        }

        return order != 0 ? Math.Sign(order) : Math.Sign(VerRevCompare(a.Revision, b.Revision));
    }

    private static bool TryParse(string version, out (long Epoch, string Upstream, string Revision) parsed)
    {
        parsed = default;
        var text = version.Trim();
        long epoch = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!long.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out epoch))
            {
                return false;
            }

            text = text[(colon + 1)..];
        }

        var hyphen = text.LastIndexOf('-');
        var upstream = hyphen >= 0 ? text[..hyphen] : text;
        var revision = hyphen >= 0 ? text[(hyphen + 1)..] : "";
        if (upstream.Length == 0 || !char.IsAsciiDigit(upstream[0]) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        parsed = (epoch, upstream, revision);
        return true;
    }

    private static int VerRevCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            // The non-digit prefixes, character by character in dpkg's order.
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var ac = i < a.Length && !char.IsAsciiDigit(a[i]) ? Weight(a[i]) : 0;
                var bc = j < b.Length && !char.IsAsciiDigit(b[j]) ? Weight(b[j]) : 0;
                if (ac != bc)
                {
                    return ac - bc;
                }

                i++;
                j++;
            }

            while (i < a.Length && a[i] == '0')
            {
                i++;
            }

            while (j < b.Length && b[j] == '0')
            {
                j++;
            }

            // The digit runs as numbers: the longer run is larger, else the first differing digit decides.
            var firstDiff = 0;
            while (i < a.Length && char.IsAsciiDigit(a[i]) && j < b.Length && char.IsAsciiDigit(b[j]))
            {
                if (firstDiff == 0)
                {
                    firstDiff = a[i] - b[j];
                }

                i++;
                j++;
            }

            if (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                return 1;
            }

            if (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                return -1;
            }

            if (firstDiff != 0)
            {
                return firstDiff;
            }
        }

        return 0;
    }

    private static int Weight(char c) =>
        c == '~' ? -1
        : char.IsAsciiLetter(c) ? c
        : c + 256;
}
