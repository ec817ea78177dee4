using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>hostile-input.md item 27: each crafted status file parses within the hostile-input bar to a partial result naming the gap.</summary>
public sealed class DpkgHostileInputTests
{
    private const string Good = "Package: good\nStatus: install ok installed\nVersion: 1\n\n";

    private static PackageDatabaseParseResult ParseWithinBar(byte[] input, PackageDatabaseLimits? limits = null)
    {
        PackageDatabaseParseResult? result = null;
        Assert.Null(HostileInput.Run(_ =>
        {
            result = DpkgStatusParser.Parse(input, "status", missingStatusMeansInstalled: false, limits ?? PackageDatabaseLimits.Default);
            return Task.CompletedTask;
        }));
        return result!;
    }

    private static byte[] Bytes(params string[] parts) => Encoding.UTF8.GetBytes(string.Concat(parts));

    [Fact]
    public void A_2_MiB_line_stops_reading_there_and_keeps_what_came_before()
    {
        // A Description of one 2 MiB line: over the 1 MiB line bound.
        var result = ParseWithinBar(Bytes(Good, "Package: big\nDescription: ", new string('x', 2 << 20), "\n"));

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Contains("line is longer than 1048576 bytes; stopped reading", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_continuation_line_flood_stops_at_the_field_bound()
    {
        // 600,000 continuation lines of 2 bytes: each line is fine, the field they make is 1.2 MB.
        var flood = string.Concat(Enumerable.Repeat(" x\n", 600_000));
        var result = ParseWithinBar(Bytes(Good, "Package: flood\nDescription: d\n", flood, Good.Replace("good", "after")));

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Contains("a field is longer than 1048576 bytes", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zeroed_block_inside_a_paragraph_loses_that_paragraph_only()
    {
        // A crash-consistent snapshot can hold a status file whose tail block was never written.
        var zeroes = new string('\0', 64 * 1024);
        var result = ParseWithinBar(Bytes(Good, "Package: torn\nStatus: install ok installed\nVersion: 1", zeroes, "\n\n", Good.Replace("good", "after")));

        Assert.Equal(["good", "after"], result.Packages.Select(p => p.Name));
        Assert.Contains("NUL byte", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_thousand_duplicates_make_one_package_and_a_bounded_problem_list()
    {
        var result = ParseWithinBar(Bytes(string.Concat(Enumerable.Repeat(Good, 100_000))));

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Equal(PackageDatabaseLimits.Default.MaxProblems + 1, result.Problems.Count);
        Assert.EndsWith($"{99_999 - PackageDatabaseLimits.Default.MaxProblems} further problems not listed", result.Problems[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Status: install ok installed\nVersion: 1\n\n", "no Package field")]
    [InlineData("Package: p\nStatus: install ok installed\n\n", "has no Version field")]
    public void Many_paragraphs_missing_Package_or_Version_are_each_skipped(string paragraph, string problem)
    {
        var result = ParseWithinBar(Bytes(string.Concat(Enumerable.Repeat(paragraph, 50_000)), Good));

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Contains(problem, result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_thousand_empty_paragraphs_are_nothing()
    {
        var result = ParseWithinBar(Bytes(new string('\n', 100_000), Good, string.Concat(Enumerable.Repeat("\r\n \t\n", 50_000))));

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void More_paragraphs_than_the_bound_stop_reading()
    {
        var input = Bytes(string.Concat(Enumerable.Range(0, 20).Select(i => Good.Replace("good", $"p{i}"))));

        var result = ParseWithinBar(input, PackageDatabaseLimits.Default with { MaxRecords = 10 });

        Assert.Equal(10, result.Packages.Count);
        Assert.Contains("more than 10 paragraphs", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_total_bound_is_read_up_to_the_last_whole_paragraph()
    {
        var input = Bytes(string.Concat(Enumerable.Range(0, 100).Select(i => Good.Replace("good", $"p{i:D3}"))));

        var result = ParseWithinBar(input, PackageDatabaseLimits.Default with { MaxTotalBytes = 1000 });

        // Each paragraph is 54 bytes: 18 fit whole in 1000; the 19th, cut, is not read half.
        Assert.Equal(Enumerable.Range(0, 18).Select(i => $"p{i:D3}"), result.Packages.Select(p => p.Name));
        Assert.Contains("file is larger than 1000 bytes", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
