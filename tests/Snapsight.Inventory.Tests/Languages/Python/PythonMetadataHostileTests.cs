using System.Text;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Tests.Languages.Python;

/// <summary>Crafted METADATA files: each reads within the hostile-input bar to a partial result naming the gap.</summary>
public sealed class PythonMetadataHostileTests
{
    private const string Metadata = "/usr/lib/python3/dist-packages/x-1.dist-info/METADATA";
    private const string Good = "Metadata-Version: 2.1\nName: good\nVersion: 1.0\n";

    private static AnalyzerOutput WalkWithinBar(byte[] content) =>
        LanguageWalk.RunWithinBar(new InMemoryFileSystem().File(Metadata, content), new PythonCataloguer());

    private static AnalyzerOutput WalkWithinBar(string content) => WalkWithinBar(Encoding.UTF8.GetBytes(content));

    [Fact]
    public void A_header_cut_short_is_a_gap_not_a_package()
    {
        var output = WalkWithinBar("Metadata-Version: 2.1\nNa");

        Assert.Empty(output.Packages);
        Assert.Equal($"python: the metadata has no Name; not listed as a package", Assert.Single(output.Gaps, g => g.Where == Metadata).Reason);
    }

    [Fact]
    public void A_header_that_never_ends_is_read_up_to_the_bound_and_named()
    {
        var output = WalkWithinBar(Good + "Summary: " + new string('x', 3 * PythonMetadataParser.MaxHeaderBytes));

        Assert.Equal(["good"], output.Packages.Select(p => p.Name));
        Assert.Contains("does not end within 1048576 bytes", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_cut_by_the_bound_is_not_read_half()
    {
        var padding = "Summary: " + new string('x', PythonMetadataParser.MaxHeaderBytes - 40) + "\n";
        var header = "Name: good\n" + padding + "Version: 1.23456789\n";

        var output = WalkWithinBar(header + new string('y', 2 * PythonMetadataParser.MaxHeaderBytes));

        Assert.True(header.Length > PythonMetadataParser.MaxHeaderBytes && header.Length - "9\n".Length < PythonMetadataParser.MaxHeaderBytes, "the bound must fall inside the Version line");
        Assert.Empty(output.Packages);
        Assert.Contains(output.Gaps, g => g.Reason == "python: the metadata has no Version; not listed as a package");
    }

    [Fact]
    public void A_long_description_after_the_header_is_not_read()
    {
        var output = WalkWithinBar(Good + "\n" + new string('x', 20 * 1024 * 1024));

        Assert.Equal(["good"], output.Packages.Select(p => p.Name));
        Assert.Empty(output.Gaps);
    }

    [Fact]
    public void A_NUL_filled_file_is_a_gap()
    {
        var output = WalkWithinBar(new byte[64 * 1024]);

        Assert.Empty(output.Packages);
        Assert.Contains(output.Gaps, g => g.Reason == "python: NUL byte on line 1: the file is damaged");
    }

    [Fact]
    public void A_million_continuation_lines_stop_at_the_line_bound()
    {
        var output = WalkWithinBar(Good + "Description: start\n" + string.Concat(Enumerable.Repeat(" more\n", 1_000_000)) + "\nbody");

        Assert.Equal(["good"], output.Packages.Select(p => p.Name));
        Assert.Contains("more than 50000 lines", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_continuations_of_a_kept_field_stay_within_the_bar()
    {
        var output = WalkWithinBar("Name: good\nVersion: 1\nLicense: x\n" + string.Concat(Enumerable.Repeat("\tline\n", 40_000)) + "\n");

        Assert.Equal(["good"], output.Packages.Select(p => p.Name));
        Assert.Equal("x", output.Packages[0].Licence);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var output = WalkWithinBar([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Name: bom\nVersion: 1\n")]);

        Assert.Equal(["bom"], output.Packages.Select(p => p.Name));
    }

    [Fact]
    public void Invalid_UTF8_is_replaced_not_thrown()
    {
        var output = WalkWithinBar([.. "Name: bad"u8, 0xFF, 0xC0, .. "\nVersion: 1\n"u8]);

        Assert.Equal(["bad\uFFFD\uFFFD"], output.Packages.Select(p => p.Name));
    }

    [Fact]
    public async Task A_file_claiming_a_gigabyte_is_read_only_as_far_as_the_header_bound()
    {
        var output = await LanguageWalk.ReadClaimingSizeAsync(new InMemoryFileSystem().File(Metadata, Good + "\n"), Metadata, 1L << 30, new PythonCataloguer());

        Assert.Equal(["good"], output.Packages.Select(p => p.Name));
    }
}
