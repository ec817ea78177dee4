using System.Text;
using Snapsight.Advisories.Versions;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Checks a comparer against a real tool's answers (-1, 0, 1) for a batch of pairs, reporting every disagreement at once.</summary>
public static class OracleVerdicts
{
    public static void AssertAgree(string tool, IVersionComparer comparer, (string A, string B)[] pairs, int[] verdicts)
    {
        Assert.Equal(pairs.Length, verdicts.Length);
        var mismatches = new StringBuilder();
        for (var i = 0; i < pairs.Length; i++)
        {
            var ours = comparer.Compare(pairs[i].A, pairs[i].B);
            if (ours != verdicts[i])
            {
                mismatches.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n  {pairs[i].A} vs {pairs[i].B}: {tool} {verdicts[i]}, ours {ours}");
            }
        }

        Assert.True(mismatches.Length == 0, $"disagreements with {tool}:{mismatches}");
    }
}
