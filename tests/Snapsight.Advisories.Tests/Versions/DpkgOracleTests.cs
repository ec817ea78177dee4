using CsCheck;
using Snapsight.Advisories.Versions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Our dpkg comparer against <c>dpkg --compare-versions</c> itself, on generated versions.</summary>
public sealed class DpkgOracleTests
{
    [Fact]
    public void Generated_versions_order_as_dpkg_orders_them() =>
        GeneratedVersions.Pairs(GeneratedVersions.Dpkg).Array[300].Sample(
            pairs => OracleVerdicts.AssertAgree("dpkg", DpkgVersionComparer.Instance, pairs, DpkgVerdicts(pairs)),
            iter: 1,
            threads: 1);

    /// <summary>dpkg's answers for every pair, from one shell running dpkg per pair (the versions never start with a dash).</summary>
    private static int[] DpkgVerdicts((string A, string B)[] pairs)
    {
        const string script = """
            while IFS='	' read -r a b; do
              if dpkg --compare-versions "$a" lt "$b"; then echo -1
              elif dpkg --compare-versions "$a" eq "$b"; then echo 0
              else echo 1; fi
            done
            """;
        var input = string.Concat(pairs.Select(p => $"{p.A}\t{p.B}\n"));
        var output = Tool.Run("sh", ["-c", script], input, null);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
    }
}
