namespace Snapsight.Advisories.Feeds;

/// <summary>The shape of a CVE id, "CVE-YYYY-NNNN" with four to nineteen digits after the year (CVE's own rule, as CISA's schema writes it).</summary>
public static class CveIds
{
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length is < 13 or > 28 || !id.StartsWith("CVE-", StringComparison.Ordinal) || id[8] != '-')
        {
            return false;
        }

        return AllDigits(id[4..8]) && AllDigits(id[9..]);
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
