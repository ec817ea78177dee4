using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages;

/// <summary>
/// Language packages: one metadata-only walk of the install roots (<see cref="LanguageRoots"/>),
/// offering each regular file to every cataloguer, which reads only the manifests it claims.
/// The walk itself reads directories and inodes, never file contents.
/// </summary>
internal sealed class LanguageAnalyzer(IReadOnlyList<ILanguageCataloguer> cataloguers) : IPackageAnalyzer
{
    /// <summary>Entries one inventory walks at most; a real machine's roots hold far fewer.</summary>
    public const int MaxEntries = 2_000_000;

    /// <summary>Manifests one inventory reads at most.</summary>
    public const int MaxManifests = 200_000;

    public LanguageAnalyzer()
        : this(LanguageCataloguers.All)
    {
    }

    public string Id => "languages";

    public IReadOnlyList<string> Paths { get; } = [.. LanguageRoots.System.Concat(LanguageRoots.Local).Select(root => root + "/**")];

    public async Task<AnalyzerOutput> AnalyzeAsync(FileTree tree, CancellationToken cancellationToken)
    {
        var packages = new List<InstalledPackage>();
        var gaps = new List<InventoryGap>();
        var roots = await LanguageRootExpander.ExpandAsync(tree, [.. LanguageRoots.System, .. LanguageRoots.Local], cancellationToken).ConfigureAwait(false);
        int entries = 0, manifests = 0;
        foreach (var root in roots)
        {
            await foreach (var entry in tree.WalkAsync(root, path => !LanguageRoots.IsSkipped(TreePath.FileName(path)), cancellationToken).ConfigureAwait(false))
            {
                if (++entries > MaxEntries)
                {
                    gaps.Add(new InventoryGap(root, $"the language walk stopped after {MaxEntries} entries; language packages beyond them are not listed"));
                    return new AnalyzerOutput(packages, gaps);
                }

                if (entry.Node.Type != FileType.File)
                {
                    continue;
                }

                foreach (var cataloguer in cataloguers)
                {
                    if (!cataloguer.Wants(entry))
                    {
                        continue;
                    }

                    if (++manifests > MaxManifests)
                    {
                        gaps.Add(new InventoryGap(entry.Path, $"more than {MaxManifests} language manifests; the rest are not read"));
                        return new AnalyzerOutput(packages, gaps);
                    }

                    try
                    {
                        var output = await cataloguer.ReadAsync(tree, entry, cancellationToken).ConfigureAwait(false);
                        packages.AddRange(output.Packages);
                        gaps.AddRange(output.Gaps);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One unreadable manifest (or a bug of ours) costs that file, not the walk.
                        gaps.Add(new InventoryGap(entry.Path, $"{cataloguer.Id}: {e.Message}"));
                    }
                }
            }
        }

        return new AnalyzerOutput(packages, gaps);
    }
}
