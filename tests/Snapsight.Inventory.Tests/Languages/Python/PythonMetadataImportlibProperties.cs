using System.Text;
using CsCheck;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Tests.Languages.Python;

/// <summary>
/// Random headers — fields in any case and order, repeated, continued, cut by a stray line or
/// an empty one, with LF or CRLF — read as importlib.metadata reads them, all in one python3 run.
/// </summary>
public sealed class PythonMetadataImportlibProperties
{
    private const int Cases = 300;

    // Prints each distribution's folder name with its Name and Version, stripped as we trim and
    // with line breaks and tabs escaped (a continued value keeps its line breaks). A blank
    // value prints as None: we take a blank Name or Version as missing, by design.
    private const string Script = """
        import importlib.metadata as m, sys
        def show(value):
            if value is None or not value.strip():
                return "None"
            return value.strip().replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
        for d in m.distributions(path=[sys.argv[1]]):
            print(d._path.name + "\t" + show(d.metadata["Name"]) + "\t" + show(d.metadata["Version"]))
        """;

    private static readonly Gen<string> Value = Gen.String[Gen.Char["abcXYZ019 .-_:\té"], 0, 12];

    private static readonly Gen<string> Line = Gen.Frequency(
        (6, Gen.Select(Gen.OneOfConst("Name", "name", "NAME", "Version", "version", "Summary", "License", "Classifier", "X-Extra", "Name ", ""), Gen.OneOfConst(":", ": ", ":\t", ":  "), Value, (field, colon, value) => field + colon + value)),
        (2, Gen.Select(Gen.OneOfConst(" ", "\t", "    "), Value, (indent, value) => indent + value)),
        (1, Gen.OneOfConst("", "not a header", "Name", "   ")));

    [Fact]
    public void Random_headers_read_as_importlib_reads_them()
    {
        var headers = Gen.Select(Line.Array[0, 10], Gen.Bool, (lines, crlf) => string.Join(crlf ? "\r\n" : "\n", lines) + (crlf ? "\r\n" : "\n"))
            .Array[Cases].Single();
        using var site = new TempDirectory();
        for (var i = 0; i < headers.Length; i++)
        {
            var distInfo = Directory.CreateDirectory(Path.Combine(site.Path, $"case{i}-1.dist-info")).FullName;
            File.WriteAllText(Path.Combine(distInfo, "METADATA"), headers[i], new UTF8Encoding(false));
        }

        var expected = Tool.Run("python3", "-c", Script, site.Path).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);

        Assert.Equal(Cases, expected.Count);
        for (var i = 0; i < headers.Length; i++)
        {
            var parsed = PythonMetadataParser.Parse(Encoding.UTF8.GetBytes(headers[i]), headIsWholeFile: true);
            var ours = $"{Printable(parsed.Name ?? "None")}\t{Printable(parsed.Version ?? "None")}";
            Assert.True(expected[$"case{i}-1.dist-info"] == ours, $"{Printable(headers[i])}: importlib [{expected[$"case{i}-1.dist-info"]}] vs ours [{ours}]");
        }
    }

    private static string Printable(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
