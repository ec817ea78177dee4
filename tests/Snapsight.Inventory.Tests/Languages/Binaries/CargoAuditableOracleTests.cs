using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// A real rustc build carrying a <c>.dep-v0</c> section in cargo auditable's format (added with
/// objcopy: cargo-auditable is not packaged in Debian 12). The oracle takes the section out with
/// objcopy and reads it with python3's zlib and json, sharing no code with ours.
/// </summary>
public sealed class CargoAuditableOracleTests
{
    private const string ListRuntimePackages = """
        import json, sys, zlib
        data = json.loads(zlib.decompress(open(sys.argv[1], "rb").read()))
        for p in data["packages"]:
            if p.get("kind", "runtime") != "build":
                print(p["name"] + "\t" + p["version"])
        """;

    [Fact]
    public async Task Packages_equal_the_section_as_python_reads_it()
    {
        using var temp = new TempDirectory();
        Tool.Run("objcopy", "--dump-section", ".dep-v0=" + temp.File("dep-v0"), BinaryFixtures.Path("rust", "hello"), temp.File("copy"));
        var expected = Tool.Run("python3", "-c", ListRuntimePackages, temp.File("dep-v0"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (line.Split('\t')[0], line.Split('\t')[1]))
            .Order();

        var output = await GoBinaryOracleTests.ReadAsync(BinaryFixtures.Path("rust", "hello"), "/usr/local/bin/hello");

        Assert.Empty(output.Gaps);
        Assert.Equal(expected, output.Packages.Select(p => (p.Name, p.Version)).Order());
        Assert.All(output.Packages, p => Assert.Equal(("cargo", "/usr/local/bin/hello"), (p.Type, p.Location)));
    }

    [Fact]
    public async Task The_section_written_is_the_json_the_fixture_script_wrote()
    {
        using var temp = new TempDirectory();
        Tool.Run("objcopy", "--dump-section", ".dep-v0=" + temp.File("dep-v0"), BinaryFixtures.Path("rust", "hello"), temp.File("copy"));
        var inflated = Tool.Run("python3", "-c", "import sys, zlib; sys.stdout.write(zlib.decompress(open(sys.argv[1], 'rb').read()).decode())", temp.File("dep-v0"));

        Assert.Equal(File.ReadAllText(BinaryFixtures.Path("rust", "hello.json")), inflated);
        Assert.Contains("\"kind\":\"build\"", inflated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rust_binary_without_the_section_lists_nothing()
    {
        var output = await GoBinaryOracleTests.ReadAsync(BinaryFixtures.Path("rust", "hello-plain"), "/usr/local/bin/hello");

        Assert.Empty(output.Packages);
        Assert.Empty(output.Gaps);
    }
}
