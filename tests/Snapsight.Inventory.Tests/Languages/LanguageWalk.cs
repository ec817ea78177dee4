using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>Runs the whole language walk, with the cataloguers under test only, over a tree.</summary>
internal static class LanguageWalk
{
    public static Task<AnalyzerOutput> RunAsync(FileTree tree, params ILanguageCataloguer[] cataloguers) =>
        new LanguageAnalyzer(cataloguers).AnalyzeAsync(tree, CancellationToken.None);

    /// <summary>Over a folder of this machine that stands for the root of an image.</summary>
    public static async Task<AnalyzerOutput> RunOnHostAsync(string rootFolder, params ILanguageCataloguer[] cataloguers)
    {
        using var fileSystem = new HostDirectoryFileSystem(rootFolder);
        return await RunAsync(new FileTree(fileSystem), cataloguers);
    }

    /// <summary>The walk over a crafted tree, held to the hostile-input bar (and so never throwing).</summary>
    public static AnalyzerOutput RunWithinBar(InMemoryFileSystem fileSystem, ILanguageCataloguer cataloguer)
    {
        AnalyzerOutput? output = null;
        Assert.Null(HostileInput.Run(async _ => output = await RunAsync(fileSystem.Tree(), cataloguer)));
        return output!;
    }

    /// <summary>One file read as if its inode claimed <paramref name="size"/> bytes, held to the hostile-input bar.</summary>
    public static async Task<AnalyzerOutput> ReadClaimingSizeAsync(InMemoryFileSystem fileSystem, string path, long size, ILanguageCataloguer cataloguer)
    {
        var tree = fileSystem.Tree();
        var entry = (await tree.StatAsync(path, followFinalSymlink: false, CancellationToken.None))!;
        var claimed = entry with { Node = entry.Node with { Size = size } };
        AnalyzerOutput? output = null;
        Assert.Null(HostileInput.Run(async ct => output = await cataloguer.ReadAsync(tree, claimed, ct)));
        return output!;
    }
}
