using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Kernels.BootLoaders;

namespace Snapsight.Inventory.Tests.Kernels;

/// <summary>
/// The version order loader entries are sorted by, against rpm 4.18's own comparison of the
/// shared vectors (../shared/data/versions/rpm.tsv, column rpm_4.18_lua_vercmp): every pair
/// rpm compared that is a single version string (no epoch, no release split, no caret, which
/// kernel releases do not use).
/// </summary>
public sealed class SegmentVersionComparerTests
{
    [Fact]
    public void Every_plain_version_pair_orders_as_rpm_orders_it()
    {
        var rows = File.ReadAllLines(SharedData.Path("versions", "rpm.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(f => f[6] == "yes" && !f[0].AsSpan().ContainsAny(":^-") && !f[2].AsSpan().ContainsAny(":^-") && f[0].Length > 0 && f[2].Length > 0)
            .ToList();

        var wrong = rows
            .Select(f => (A: f[0], B: f[2], Rpm: f[5], Ours: Math.Sign(SegmentVersionComparer.Instance.Compare(f[0], f[2])) switch { < 0 => "<", 0 => "=", _ => ">" }))
            .Where(r => r.Rpm != r.Ours)
            .ToList();

        Assert.True(rows.Count > 3000, $"only {rows.Count} vectors");
        Assert.Empty(wrong);
    }
}
