using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Apk;

namespace Snapsight.Inventory.Tests.Packages.Apk;

/// <summary>hostile-input.md item 31: each crafted installed database parses within the hostile-input bar to a partial result naming the gap.</summary>
public sealed class ApkHostileInputTests
{
    private const string Good = "P:good\nV:1-r0\nA:x86_64\n\n";

    private static PackageDatabaseParseResult ParseWithinBar(string input, PackageDatabaseLimits? limits = null)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        PackageDatabaseParseResult? result = null;
        Assert.Null(HostileInput.Run(_ =>
        {
            result = ApkInstalledParser.Parse(bytes, "installed", limits ?? PackageDatabaseLimits.Default);
            return Task.CompletedTask;
        }));
        return result!;
    }

    [Fact]
    public void Records_missing_P_are_skipped_each_with_a_problem()
    {
        var result = ParseWithinBar(string.Concat(Enumerable.Repeat("V:1\nA:x86_64\n\n", 50_000)) + Good);

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Equal("installed line 1: record has no name (P:); skipped", result.Problems[0]);
        Assert.Equal(PackageDatabaseLimits.Default.MaxProblems + 1, result.Problems.Count);
    }

    [Fact]
    public void A_10_MB_line_stops_reading_there()
    {
        var result = ParseWithinBar(Good + "P:big\nT:" + new string('x', 10_000_000) + "\n\n" + Good.Replace("good", "after"));

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Contains("line is longer than 1048576 bytes; stopped reading", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Interleaved_records_are_both_kept_and_the_missing_separator_named()
    {
        var result = ParseWithinBar("P:first\nV:1-r0\nP:second\nV:2-r0\no:origin\n\n");

        Assert.Equal(["first\t1-r0\t\tfirst", "second\t2-r0\t\torigin"], PackageRows.Apk(result.Packages));
        Assert.Equal(["installed line 3: a record starts without a blank line before it"], result.Problems);
    }

    [Fact]
    public void A_duplicate_package_keeps_the_later_record()
    {
        var result = ParseWithinBar(Good + Good.Replace("1-r0", "2-r0"));

        Assert.Equal(["good\t2-r0\tx86_64\tgood"], PackageRows.Apk(result.Packages));
        Assert.Contains("appears again", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_NUL_byte_loses_its_record_only()
    {
        var result = ParseWithinBar("P:torn\nV:1\0\0\0\n\n" + Good);

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Contains("NUL byte on line 2", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void More_records_than_the_bound_stop_reading()
    {
        var input = string.Concat(Enumerable.Range(0, 20).Select(i => Good.Replace("good", $"p{i}")));

        var result = ParseWithinBar(input, PackageDatabaseLimits.Default with { MaxRecords = 5 });

        Assert.Equal(5, result.Packages.Count);
        Assert.Contains("more than 5 records", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
