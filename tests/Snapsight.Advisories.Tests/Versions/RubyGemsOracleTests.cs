using CsCheck;
using Snapsight.Advisories.Versions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Our RubyGems comparer against Gem::Version itself (Debian's ruby), on generated versions.</summary>
public sealed class RubyGemsOracleTests
{
    [Fact]
    public void Generated_versions_order_as_rubygems_orders_them() =>
        GeneratedVersions.Pairs(GeneratedVersions.ReleaseShaped.Where(RubyGemsVersionComparer.Instance.IsVersion)).Array[300].Sample(
            pairs =>
            {
                var verdicts = GemVerdicts(pairs);
                // Gem::Version refuses letters straight after the first number (1beta), which we accept on purpose.
                var judged = Enumerable.Range(0, pairs.Length).Where(i => verdicts[i] is not null).ToArray();
                Assert.True(judged.Length > pairs.Length / 2, "Gem::Version refused most generated pairs");
                OracleVerdicts.AssertAgree("Gem::Version", RubyGemsVersionComparer.Instance, [.. judged.Select(i => pairs[i])], [.. judged.Select(i => verdicts[i]!.Value)]);
            },
            iter: 1,
            threads: 1);

    /// <summary>Gem::Version's answers from one ruby process; null where it refuses either side.</summary>
    private static int?[] GemVerdicts((string A, string B)[] pairs)
    {
        const string script = """
            STDIN.each_line do |line|
              a, b = line.chomp.split("\t", -1)
              ok = Gem::Version.correct?(a) && Gem::Version.correct?(b)
              puts(ok ? (Gem::Version.new(a) <=> Gem::Version.new(b)) : "x")
            end
            """;
        var input = string.Concat(pairs.Select(p => $"{p.A}\t{p.B}\n"));
        return Tool.Run("ruby", ["-e", script], input, null)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v == "x" ? (int?)null : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }
}
