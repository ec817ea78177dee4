using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Python;

/// <summary>
/// Installed Python distributions, as importlib.metadata finds them: the METADATA file of a
/// *.dist-info directory (pip, wheels), the PKG-INFO file of a *.egg-info directory
/// (setuptools), and a *.egg-info that is itself a PKG-INFO-format file (distutils).
/// </summary>
internal sealed class PythonCataloguer : ILanguageCataloguer
{
    public string Id => "python";

    public bool Wants(TreeEntry file)
    {
        var path = file.Path.AsSpan();
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        if (name.EndsWith(".egg-info", StringComparison.Ordinal))
        {
            return true;
        }

        var directory = path[..Math.Max(slash, 0)];
        return (name is "METADATA" && directory.EndsWith(".dist-info", StringComparison.Ordinal))
            || (name is "PKG-INFO" && directory.EndsWith(".egg-info", StringComparison.Ordinal));
    }

    public async Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken)
    {
        var head = await TreeFiles.ReadHeadAsync(file, PythonMetadataParser.MaxHeaderBytes, cancellationToken).ConfigureAwait(false);
        var metadata = PythonMetadataParser.Parse(head, headIsWholeFile: file.Node.Size <= head.Length);
        var gaps = new List<InventoryGap>();
        if (metadata.Problem is { } problem)
        {
            gaps.Add(new InventoryGap(file.Path, $"{Id}: {problem}"));
        }

        if (metadata.Name is null || metadata.Version is null)
        {
            gaps.Add(new InventoryGap(file.Path, $"{Id}: the metadata has no {(metadata.Name is null ? "Name" : "Version")}; not listed as a package"));
            return new AnalyzerOutput([], gaps);
        }

        var package = new InstalledPackage
        {
            Type = "python",
            Name = metadata.Name,
            Version = metadata.Version,
            Licence = metadata.Licence,
            Location = file.Path,
        };
        return new AnalyzerOutput([package], gaps);
    }
}
