using Snapsight.Advisories.Versions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>
/// Strings no package manager would write, given to every comparer: each either orders them
/// or refuses them as not a version, within the hostile-input bar (2 s, 256 MiB), and never throws
/// from TryCompare.
/// </summary>
public sealed class VersionHostileInputTests
{
    private const int Megabyte = 1 << 20;

    public static TheoryData<string> Ecosystems() => VersionPropertyTests.Ecosystems();

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void A_megabyte_number_is_compared_by_its_digits(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        var big = "1" + new string('0', Megabyte);
        var order = RunWithinBar(() => Ordered(comparer, big, big + "1"));
        Assert.Equal(-1, order);
    }

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Numbers_of_ten_thousand_digits_order_by_value(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        var nines = "1." + new string('9', 10_000);
        var power = "1.1" + new string('0', 10_000);
        Assert.Equal(-1, Ordered(comparer, nines, power));
        Assert.Equal(1, Ordered(comparer, power, nines));
        Assert.Equal(0, Ordered(comparer, nines, "1." + new string('9', 10_000)));
    }

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void A_megabyte_of_parts_separators_or_tildes_ends_in_time(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        foreach (var unit in new[] { "1.", "1-", "a1", "~", "0.", "_p1", "-r1" })
        {
            var text = "1" + string.Concat(Enumerable.Repeat(unit, Megabyte / unit.Length));
            RunWithinBar(() => comparer.TryCompare(text, text + "1", out var _) ? 0 : 0);
        }
    }

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Empty_blank_and_control_characters_are_not_versions(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        foreach (var bad in new[] { "", "   ", "1.0\0", "\01.0", "1.\n0", "1\u007f" })
        {
            Assert.False(comparer.IsVersion(bad), $"{ecosystem} accepted {bad.Replace("\0", "\\0", StringComparison.Ordinal)}");
            Assert.False(comparer.TryCompare(bad, "1.0", out _));
            var refused = Assert.Throws<VersionFormatException>(() => comparer.Compare("1.0", bad));
            Assert.Equal(ecosystem, refused.Ecosystem);
        }
    }

    [Fact]
    public void Maven_refuses_nesting_deeper_than_it_can_recurse()
    {
        var deep = "1" + string.Concat(Enumerable.Repeat("-a1", 100_000));
        Assert.False(RunWithinBar(() => MavenVersionComparer.Instance.TryCompare(deep, deep, out _) ? 1 : 0) == 1);
        var nested = "1" + string.Concat(Enumerable.Repeat("-1", MavenVersionComparer.MaxNesting));
        Assert.Equal(0, MavenVersionComparer.Instance.Compare(nested, nested));
    }

    private static int Ordered(IVersionComparer comparer, string a, string b)
    {
        Assert.True(comparer.TryCompare(a, b, out var order), $"{comparer.Ecosystem} refused a plain long version");
        return order;
    }

    /// <summary>Runs <paramref name="compare"/> under the 2 s / 256 MiB bar and returns its result.</summary>
    private static int RunWithinBar(Func<int> compare)
    {
        var result = 0;
        var escaped = HostileInput.Run(_ =>
        {
            result = compare();
            return Task.CompletedTask;
        });
        Assert.Null(escaped);
        return result;
    }
}
