using System.Text;
using Snapsight.Advisories.Versions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>
/// The version-comparison vectors in <c>../shared/data/versions</c> (columns a, op, b, source,
/// note, and for some files the verdict of the real tool). Every applicable row is checked in
/// both directions, and every failure is reported in one message.
/// </summary>
public static class VersionVectors
{
    public static void AssertAll(string file, IVersionComparer comparer) => AssertAll(file, comparer, new Dictionary<string, Deviation>());

    /// <summary>
    /// As above, with rows where we deliberately follow another version of the real tool than the
    /// one the row was written for: each holds our documented answer instead (and must, so that a
    /// change of behaviour there is caught too). Keyed by "a op b".
    /// </summary>
    public static void AssertAll(string file, IVersionComparer comparer, IReadOnlyDictionary<string, Deviation> deviations)
    {
        var lines = File.ReadAllLines(SharedData.Path("versions", file));
        var header = lines[0].Split('\t');
        var agrees = Array.IndexOf(header, "agrees");
        var failures = new StringBuilder();
        var failed = 0;
        var checkedRows = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var row = lines[i].Split('\t');
            // The file's own "not applicable" mark: the real tool cannot judge the row (see the data README).
            if (agrees >= 0 && row[agrees] == "n/a")
            {
                continue;
            }

            checkedRows++;
            var problem = deviations.TryGetValue($"{row[0]} {row[1]} {row[2]}", out var deviation)
                ? Check(comparer, row[0], deviation.OurAnswer, row[2])
                : Check(comparer, row[0], row[1], row[2]);
            if (problem is not null)
            {
                failed++;
                failures.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n  line {i + 1}: {row[0]} {row[1]} {row[2]}: {problem}");
            }
        }

        Assert.True(checkedRows > 0, $"{file} has no applicable rows");
        Assert.True(failed == 0, $"{failed} of {checkedRows} rows of {file} fail for {comparer.Ecosystem}:{failures}");
    }

    /// <summary>Our answer on a row (an operator), and why it differs from the row's.</summary>
    public sealed record Deviation(string OurAnswer, string Reason);

    /// <summary>Null when the row holds both ways round; otherwise what went wrong.</summary>
    private static string? Check(IVersionComparer comparer, string a, string op, string b)
    {
        var negated = op.StartsWith('!');
        var expected = Sign(negated ? op[1..] : op);
        if (!comparer.TryCompare(a, b, out var forward) || !comparer.TryCompare(b, a, out var backward))
        {
            return "refused as not a version";
        }

        if (backward != -forward)
        {
            return $"not antisymmetric: a?b = {forward}, b?a = {backward}";
        }

        return (forward == expected) != negated ? null : $"got {Symbol(forward)}";
    }

    private static int Sign(string op) => op switch
    {
        "<" => -1,
        "=" => 0,
        ">" => 1,
        _ => throw new InvalidDataException($"unknown operator {op}"),
    };

    private static string Symbol(int order) => order switch { < 0 => "<", 0 => "=", _ => ">" };
}
