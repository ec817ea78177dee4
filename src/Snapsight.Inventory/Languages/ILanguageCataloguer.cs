using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;

namespace Snapsight.Inventory.Languages;

/// <summary>
/// One language ecosystem's reader. The language walk offers it every regular file it meets
/// under the install roots; it says by path and metadata alone (no read) whether the file is
/// one of its manifests, and then reads only those, each within its own size bounds.
/// </summary>
internal interface ILanguageCataloguer
{
    /// <summary>Stable name, used in gaps: "python", "npm", "java", "binary", "gem", "dotnet".</summary>
    string Id { get; }

    /// <summary>Decided from the path and the stat alone: called for every file of the walk, so it must be cheap.</summary>
    bool Wants(TreeEntry file);

    /// <summary>
    /// The packages the file records, each with <see cref="Packages.InstalledPackage.Location"/>
    /// set to the file (and, inside archives, the path within it after a '!'). Damage is a gap
    /// in the output, never an exception, except for <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken);
}
