using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Languages;
using Snapsight.Inventory.Languages.DotNet;
using Snapsight.Inventory.Languages.Gems;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>A manifest over its cataloguer's size bound is a gap naming its size, decided from the stat before the file is opened.</summary>
public sealed class ManifestFileBoundTests
{
    public static TheoryData<string, string, int> Cataloguers => new()
    {
        { "gem", "/var/lib/gems/3.1.0/specifications/big-1.gemspec", 1 << 20 },
        { "dotnet", "/app/big.deps.json", 16 << 20 },
    };

    [Theory]
    [MemberData(nameof(Cataloguers))]
    public async Task A_manifest_one_byte_over_the_bound_is_a_gap_and_is_never_opened(string id, string path, int bound)
    {
        ILanguageCataloguer cataloguer = id == "gem" ? new GemCataloguer() : new DotNetDepsCataloguer();
        var fs = new InMemoryFileSystem().File(path, "small");

        var output = await LanguageWalk.ReadClaimingSizeAsync(fs, path, bound + 1, cataloguer);

        Assert.Empty(output.Packages);
        Assert.Contains($"{bound + 1} bytes, over the {bound}-byte limit", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(path, fs.Opened);
    }
}
