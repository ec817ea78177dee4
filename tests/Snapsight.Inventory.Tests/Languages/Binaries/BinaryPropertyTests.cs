using CsCheck;
using Snapsight.Inventory.Languages.Binaries;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// Random module lists written as Go writes them, in random ELF classes and byte orders, read
/// back whole; and random byte changes in a real Go binary, which end in gaps, never exceptions.
/// </summary>
public sealed class BinaryPropertyTests
{
    private static readonly Gen<string> ModulePath = Gen.String[Gen.Char["abcdefghij./-"], 1, 30].Select(s => "example.com/" + s);
    private static readonly Gen<string> ModuleVersion = Gen.Int[0, 99].Select(Gen.Int[0, 99], (a, b) => $"v{a}.{b}.0");

    /// <summary>A dependency, maybe replaced by another module (with a version) or by a directory ("(devel)").</summary>
    private static readonly Gen<(string Path, string Version, int Replace, string ReplacementPath, string ReplacementVersion)> Dependency =
        Gen.Select(ModulePath, ModuleVersion, Gen.Int[0, 2], ModulePath, ModuleVersion);

    [Fact]
    public void Module_lists_read_back_as_built()
    {
        Gen.Select(Dependency.List[0, 40], Gen.Bool, Gen.Bool).Sample((dependencies, is64, bigEndian) =>
        {
            var text = new System.Text.StringBuilder("path\texample.com/main\nmod\texample.com/main\t(devel)\t\n");
            var expected = new List<(string, string)> { ("stdlib", "go1.21.3") };
            foreach (var (path, version, replace, replacementPath, replacementVersion) in dependencies)
            {
                text.Append($"dep\t{path}\t{version}\th1:abc=\n");
                if (replace == 1)
                {
                    text.Append($"=>\t{replacementPath}\t{replacementVersion}\th1:def=\n");
                    expected.Add((replacementPath, replacementVersion));
                }
                else
                {
                    if (replace == 2)
                    {
                        text.Append("=>\t../local\t(devel)\t\n\n");
                    }

                    expected.Add((path, version));
                }
            }

            var elf = new ElfWriter(is64, bigEndian).Section(".go.buildinfo", GoBuildInfoWriter.Section("go1.21.3", text.ToString())).Build();
            using var stream = new MemoryStream(elf);
            var output = BinaryCataloguer.ReadAsync(stream, elf.Length, "/opt/x", CancellationToken.None).GetAwaiter().GetResult();

            Assert.Empty(output.Gaps);
            Assert.Equal(expected.Order(), output.Packages.Select(p => (p.Name, p.Version)).Order());
        }, iter: 200);
    }

    [Fact]
    public void Random_byte_changes_in_the_headers_of_a_real_binary_end_in_gaps_not_exceptions()
    {
        var original = File.ReadAllBytes(BinaryFixtures.Path("go", "app-stripped"));
        var buildInfo = original.AsSpan().IndexOf(GoBuildInfo.Magic);
        var tableOffset = (int)ElfWriter.SectionTableOffset(original);

        // Changes where the reader looks: the ELF header, the section table and the build info.
        var spot = Gen.OneOf(Gen.Int[0, 63], Gen.Int[tableOffset, original.Length - 1], Gen.Int[buildInfo, buildInfo + 0x200]);
        Gen.Select(spot, Gen.Byte).Array[1, 8].Sample(changes =>
        {
            var copy = (byte[])original.Clone();
            foreach (var (at, value) in changes)
            {
                copy[at] = value;
            }

            using var stream = new MemoryStream(copy);
            var output = BinaryCataloguer.ReadAsync(stream, copy.Length, "/opt/x", CancellationToken.None).GetAwaiter().GetResult();
            Assert.All(output.Packages, p => Assert.False(string.IsNullOrEmpty(p.Name)));
        }, iter: 300);
    }
}
