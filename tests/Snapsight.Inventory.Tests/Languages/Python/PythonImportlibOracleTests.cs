using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Tests.Languages.Python;

/// <summary>The language walk finds the distributions importlib.metadata finds, with the same names and versions.</summary>
public sealed class PythonImportlibOracleTests
{
    private const string DistPackages = "/usr/lib/python3/dist-packages";

    [Fact]
    public async Task Debian_python_packages_list_as_importlib_lists_them()
    {
        var root = LanguageFixtures.Path("python-root");

        var output = await LanguageWalk.RunOnHostAsync(root, new PythonCataloguer());

        var expected = ImportlibMetadata.List(root + DistPackages);
        Assert.True(expected.Length >= 15, $"importlib found only {expected.Length} distributions");
        Assert.Equal(expected, output.Packages.Select(p => $"{p.Name}\t{p.Version}").Order(StringComparer.Ordinal));
        Assert.Empty(output.Gaps);
        Assert.All(output.Packages, p => Assert.StartsWith(DistPackages + "/", p.Location, StringComparison.Ordinal));
        // Every shape Debian ships is in the tree, so each is proven against importlib.
        Assert.Contains(output.Packages, p => p.Location.EndsWith(".dist-info/METADATA", StringComparison.Ordinal));
        Assert.Contains(output.Packages, p => p.Location.EndsWith(".egg-info/PKG-INFO", StringComparison.Ordinal));
        Assert.Contains(output.Packages, p => p.Location.EndsWith(".egg-info", StringComparison.Ordinal));
    }

    // Each case is a header importlib reads, built around one rule of Python's email parser.
    [Theory]
    [InlineData("CRLF line ends", "Metadata-Version: 2.1\r\nName: crlf\r\nVersion: 1.0\r\n\r\nName: body\r\n")]
    [InlineData("continuation lines", "Metadata-Version: 2.1\nName: a\nSummary: x\n  more\n\tmore\nVersion: 2.0\n")]
    [InlineData("field names in any case", "name: lower\nVERSION: 3\n")]
    [InlineData("the first of a repeated field wins", "Name: first\nName: second\nVersion: 1\nVersion: 2\n")]
    [InlineData("headers end at the first empty line", "Name: a\nVersion: 1\n\nVersion: 2\nName: b\n")]
    [InlineData("a line that is not a header starts the body", "Name: a\nthis is not a header\nVersion: 1\n")]
    [InlineData("a space before the colon is not a header", "Name : a\nVersion: 1\n")]
    [InlineData("no Version", "Metadata-Version: 1.0\nName: only\n")]
    [InlineData("no line end at the end", "Name: a\nVersion: 1")]
    [InlineData("a continuation before any field", " stray\nName: a\nVersion: 1\n")]
    [InlineData("a line of spaces continues the field", "Name: a\n   \nVersion: 1\n")]
    [InlineData("tabs after the colon", "Name:\ttabbed\nVersion:1\n")]
    [InlineData("non-ASCII name", "Name: café-ünïcode\nVersion: 1.0rc1\n")]
    [InlineData("a field whose value is empty", "Name: a\nSummary:\nVersion: 1\n")]
    [InlineData("description in the body", "Name: a\nVersion: 1\n\nName: b\nVersion: 2\n\n\n")]
    public void A_crafted_header_reads_as_importlib_reads_it(string rule, string metadata)
    {
        using var site = new TempDirectory();
        var distInfo = Directory.CreateDirectory(Path.Combine(site.Path, "crafted-1.dist-info")).FullName;
        var bytes = Encoding.UTF8.GetBytes(metadata);
        File.WriteAllBytes(Path.Combine(distInfo, "METADATA"), bytes);

        var parsed = PythonMetadataParser.Parse(bytes, headIsWholeFile: true);

        var expected = Assert.Single(ImportlibMetadata.List(site.Path));
        Assert.True(expected == $"{parsed.Name ?? "None"}\t{parsed.Version ?? "None"}", $"{rule}: importlib [{expected}] vs ours [{parsed.Name}\t{parsed.Version}]");
        Assert.Null(parsed.Problem);
    }
}
