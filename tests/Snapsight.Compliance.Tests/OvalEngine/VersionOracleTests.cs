using System.Globalization;
using CsCheck;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// debian_evr_string against <c>dpkg --compare-versions</c> and evr_string against rpm 4.18's
/// <c>rpm.labelCompare</c> (python3-rpm, run as /usr/bin/python3) on generated pairs, plus the
/// order properties both must have (antisymmetric, transitive).
/// </summary>
public sealed class VersionOracleTests
{
    // Small alphabets so that equal runs, leading zeros and tildes meet often.
    private static readonly Gen<string> DebianVersion = Gen.Select(
        Gen.Int[0, 2].Select(e => e == 0 ? "" : $"{e}:"),
        Gen.Char["0123456789"],
        Gen.String[Gen.Char["0012.+~ab"], 0, 6],
        Gen.String[Gen.Char["0129.~a"], 0, 4].Select(r => r.Length == 0 ? "" : "-" + r),
        (epoch, first, upstream, revision) => epoch + first + upstream + revision);

    private static readonly Gen<string> RpmVersion = Gen.Select(
        Gen.Int[0, 2],
        Gen.String[Gen.Char["0012.ab~_"], 1, 6],
        Gen.String[Gen.Char["0129.a~"], 1, 4],
        (epoch, version, release) => $"{epoch}:{version}-{release}");

    [Fact]
    public void Debian_versions_order_as_dpkg_orders_them()
    {
        var pairs = Gen.Select(DebianVersion, DebianVersion).Array[300].Single();
        var script = "while read a b; do if dpkg --compare-versions \"$a\" lt \"$b\"; then echo '<'; elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo '='; else echo '>'; fi; done";
        var dpkg = Tool.Run("bash", ["-c", script], string.Join('\n', pairs.Select(p => $"{p.Item1} {p.Item2}")) + "\n", null)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var wrong = pairs.Select((p, i) => (p.Item1, p.Item2, Dpkg: dpkg[i], Ours: Symbol(OvalComparison.Compare("less than", "debian_evr_string", p.Item1, p.Item2), OvalComparison.Compare("equals", "debian_evr_string", p.Item1, p.Item2))))
            .Where(r => r.Dpkg != r.Ours).ToList();
        Assert.Equal(pairs.Length, dpkg.Length);
        Assert.Empty(wrong);
    }

    [Fact]
    public void Rpm_versions_order_as_rpm_orders_them()
    {
        var pairs = Gen.Select(RpmVersion, RpmVersion).Array[300].Single();
        const string Script = """
            import sys, rpm
            def evr(s):
                e, rest = s.split(':', 1)
                v, r = rest.rsplit('-', 1)
                return (e, v, r)
            for line in sys.stdin:
                a, b = line.split()
                print({-1: '<', 0: '=', 1: '>'}[rpm.labelCompare(evr(a), evr(b))])
            """;
        var rpm = Tool.Run("/usr/bin/python3", ["-c", Script], string.Join('\n', pairs.Select(p => $"{p.Item1} {p.Item2}")) + "\n", null)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var wrong = pairs.Select((p, i) => (p.Item1, p.Item2, Rpm: rpm[i], Ours: Symbol(OvalComparison.Compare("less than", "evr_string", p.Item1, p.Item2), OvalComparison.Compare("equals", "evr_string", p.Item1, p.Item2))))
            .Where(r => r.Rpm != r.Ours).ToList();
        Assert.Equal(pairs.Length, rpm.Length);
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("debian_evr_string")]
    [InlineData("evr_string")]
    [InlineData("version")]
    public void Orders_are_antisymmetric_and_transitive(string datatype)
    {
        var versions = datatype switch
        {
            "debian_evr_string" => DebianVersion,
            "evr_string" => RpmVersion,
            _ => Gen.Int[0, 12].Array[1, 4].Select(parts => string.Join('.', parts.Select(p => p.ToString(CultureInfo.InvariantCulture)))),
        };
        Gen.Select(versions, versions, versions).Sample((a, b, c) =>
        {
            Assert.Equal(Is(datatype, "less than", a, b), Is(datatype, "greater than", b, a));
            Assert.Equal(Is(datatype, "equals", a, b), Is(datatype, "equals", b, a));
            if (Is(datatype, "less than or equal", a, b) && Is(datatype, "less than or equal", b, c))
            {
                Assert.True(Is(datatype, "less than or equal", a, c), $"{a} <= {b} <= {c}");
            }
        });
    }

    private static bool Is(string datatype, string operation, string a, string b) =>
        OvalComparison.Compare(operation, datatype, a, b) switch
        {
            OvalResult.True => true,
            OvalResult.False => false,
            var other => throw new Xunit.Sdk.XunitException($"{a} {operation} {b} as {datatype}: {other}"),
        };

    private static string Symbol(OvalResult less, OvalResult equal) =>
        less == OvalResult.True ? "<" : equal == OvalResult.True ? "=" : less == OvalResult.False ? ">" : less.ToString();
}
