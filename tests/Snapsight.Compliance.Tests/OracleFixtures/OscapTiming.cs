using System.Globalization;

namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>One row of timings.tsv: how long one <c>oscap xccdf eval</c> took on one tree, for the bench comparison.</summary>
public sealed record OscapTiming(string Tree, string Content, string Profile, double Seconds, int Rules, int OscapExit)
{
    public const string Header = "tree\tdatastream\tprofile\tseconds\trules\toscap_exit";

    public static IReadOnlyList<OscapTiming> ReadAll(string file) =>
        TsvFile.Rows(file, Header).Select(row => row.Fields).Select(f => new OscapTiming(
            f[0], f[1], f[2],
            double.Parse(f[3], CultureInfo.InvariantCulture),
            int.Parse(f[4], CultureInfo.InvariantCulture),
            int.Parse(f[5], CultureInfo.InvariantCulture))).ToList();
}
