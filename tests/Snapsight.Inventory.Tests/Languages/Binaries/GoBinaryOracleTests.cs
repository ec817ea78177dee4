using Snapsight.Inventory.Languages.Binaries;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// Real Go builds (modules from a directory replace, a versioned replace and a plain
/// dependency; trimmed, stripped, 32-bit and big-endian) against what <c>go version -m</c>
/// printed for each when the fixture was built.
/// </summary>
public sealed class GoBinaryOracleTests
{
    [Theory]
    [MemberData(nameof(BinaryFixtures.GoBinaries), MemberType = typeof(BinaryFixtures))]
    public async Task Packages_equal_what_go_version_m_prints(string name)
    {
        var output = await ReadAsync(BinaryFixtures.Path("go", name), "/opt/app/bin/" + name);

        Assert.Empty(output.Gaps);
        Assert.Equal(Expected(File.ReadAllLines(BinaryFixtures.Path("go", name + ".version-m"))), output.Packages.Select(p => (p.Name, p.Version)).Order());
        Assert.All(output.Packages, p => Assert.Equal(("go", "/opt/app/bin/" + name), (p.Type, p.Location)));
    }

    [Fact]
    public async Task The_fixture_holds_every_kind_of_module_line()
    {
        // Guards the oracle itself: without these lines the comparison above would prove less.
        var printed = File.ReadAllText(BinaryFixtures.Path("go", "app.version-m"));
        var output = await ReadAsync(BinaryFixtures.Path("go", "app"), "/opt/app");

        Assert.Contains("\t=>\t../greeting\t(devel)", printed, StringComparison.Ordinal);
        Assert.Contains("\t=>\tgithub.com/google/uuid\tv1.3.0\t", printed, StringComparison.Ordinal);
        Assert.Contains(("github.com/google/uuid", "v1.3.0"), output.Packages.Select(p => (p.Name, p.Version)));
        Assert.Contains(("example.com/greeting", "v0.0.0"), output.Packages.Select(p => (p.Name, p.Version)));
    }

    internal static async Task<Snapsight.Inventory.Analyzers.AnalyzerOutput> ReadAsync(string path, string location)
    {
        await using var stream = File.OpenRead(path);
        return await BinaryCataloguer.ReadAsync(stream, stream.Length, location, CancellationToken.None);
    }

    /// <summary>
    /// From <c>go version -m</c>'s lines: the toolchain ("path: go1.x") as stdlib, and each mod or
    /// dep line as built: the module after "=>" when it has a version, the required one when the
    /// replacement is a directory ("(devel)"), and no main module whose version is "(devel)".
    /// </summary>
    private static IEnumerable<(string, string)> Expected(string[] lines)
    {
        var expected = new List<(string Name, string Version, bool Replaceable)> { ("stdlib", lines[0][(lines[0].LastIndexOf(' ') + 1)..], false) };
        foreach (var line in lines.Skip(1))
        {
            var fields = line.TrimStart('\t').Split('\t');
            switch (fields[0])
            {
                case "mod" or "dep":
                    expected.Add((fields[1], fields[2], true));
                    break;
                case "=>" when fields[2] != "(devel)":
                    expected[^1] = (fields[1], fields[2], false);
                    break;
            }
        }

        return expected.Where(e => e.Version != "(devel)").Select(e => (e.Name, e.Version)).Order();
    }
}
