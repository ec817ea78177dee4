using CsCheck;
using Snapsight.Advisories.Versions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Our rpm comparer against rpm's own <c>rpm.vercmp</c> (rpm's Lua binding), on generated versions.</summary>
public sealed class RpmOracleTests
{
    [Fact]
    public void Generated_versions_order_as_rpm_orders_them() =>
        GeneratedVersions.Pairs(GeneratedVersions.Rpm).Array[300].Sample(
            pairs => OracleVerdicts.AssertAgree("rpm", RpmVersionComparer.Instance, pairs, RpmVerdicts(pairs)),
            iter: 1,
            threads: 1);

    /// <summary>rpm's answers for every pair from one rpm process (the generated strings need no Lua quoting).</summary>
    private static int[] RpmVerdicts((string A, string B)[] pairs)
    {
        var table = string.Join(",", pairs.Select(p => $"{{\"{p.A}\",\"{p.B}\"}}"));
        var lua = $"%{{lua: local r = {{}} for _, p in ipairs({{{table}}}) do r[#r + 1] = rpm.vercmp(p[1], p[2]) end print(table.concat(r, ','))}}";
        var output = Tool.Run("rpm", "--eval", lua);
        return output.Trim().Split(',').Select(int.Parse).ToArray();
    }
}
