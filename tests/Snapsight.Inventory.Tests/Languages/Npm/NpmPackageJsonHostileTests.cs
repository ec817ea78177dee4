using System.Text;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages.Npm;

namespace Snapsight.Inventory.Tests.Languages.Npm;

/// <summary>Crafted package.json files: each reads within the hostile-input bar to a gap, and the walk goes on.</summary>
public sealed class NpmPackageJsonHostileTests
{
    private const string Manifest = "/app/node_modules/x/package.json";
    private const string Neighbour = "/app/node_modules/y/package.json";

    private static AnalyzerOutput WalkWithinBar(byte[] content)
    {
        var fileSystem = new InMemoryFileSystem().File(Manifest, content).File(Neighbour, """{"name":"y","version":"2.0.0"}""");
        var output = LanguageWalk.RunWithinBar(fileSystem, new NpmCataloguer());
        Assert.Contains(output.Packages, p => p.Location == Neighbour);
        return output;
    }

    private static string SingleGap(AnalyzerOutput output)
    {
        Assert.DoesNotContain(output.Packages, p => p.Location == Manifest);
        var gap = Assert.Single(output.Gaps);
        Assert.Equal(Manifest, gap.Where);
        return gap.Reason;
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void Deeply_nested_JSON_stops_at_the_depth_bound(string open, string close)
    {
        const int Depth = 500_000;
        var nested = string.Concat(Enumerable.Repeat(open, Depth)) + "1" + string.Concat(Enumerable.Repeat(close, Depth));

        var reason = SingleGap(WalkWithinBar(Encoding.UTF8.GetBytes("{\"name\":\"x\",\"version\":\"1\",\"deep\":" + nested + "}")));

        Assert.Contains("not JSON", reason, StringComparison.Ordinal);
        Assert.Contains("depth", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_a_gap() =>
        Assert.Contains("npm: ", SingleGap(WalkWithinBar("name: x\nversion: 1\n"u8.ToArray())), StringComparison.Ordinal);

    [Fact]
    public void A_NUL_filled_file_is_a_gap() =>
        Assert.Contains("not JSON", SingleGap(WalkWithinBar(new byte[64 * 1024])), StringComparison.Ordinal);

    [Fact]
    public void A_file_over_the_size_bound_is_not_read()
    {
        var big = Encoding.UTF8.GetBytes("{\"name\":\"x\",\"version\":\"1\",\"readme\":\"" + new string('x', (int)NpmPackageJsonParser.MaxBytes) + "\"}");

        Assert.Contains("over the 4194304-byte limit", SingleGap(WalkWithinBar(big)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_claiming_a_gigabyte_is_refused_before_it_is_opened()
    {
        var fileSystem = new InMemoryFileSystem().File(Manifest, """{"name":"x","version":"1"}""");

        var output = await LanguageWalk.ReadClaimingSizeAsync(fileSystem, Manifest, 1L << 30, new NpmCataloguer());

        Assert.Empty(output.Packages);
        Assert.Contains("1073741824 bytes", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Manifest, fileSystem.Opened);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var output = WalkWithinBar([0xEF, 0xBB, 0xBF, .. """{"name":"x","version":"1.0.0"}"""u8]);

        Assert.Contains(output.Packages, p => p.Name == "x" && p.Version == "1.0.0");
        Assert.Empty(output.Gaps);
    }

    [Theory]
    [InlineData("invalid UTF-8", new byte[] { 0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xC0, 0x22, 0x7D })]
    [InlineData("truncated", new byte[] { 0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A })]
    public void Damaged_bytes_are_a_gap(string rule, byte[] content) =>
        Assert.True(SingleGap(WalkWithinBar(content)).Length > 0, rule);

    [Fact]
    public void A_lone_surrogate_escape_is_a_gap_not_a_crash()
    {
        var reason = SingleGap(WalkWithinBar("""{"name":"\ud800","version":"1"}"""u8.ToArray()));

        Assert.Contains("not valid Unicode", reason, StringComparison.Ordinal);
    }
}
