using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages;

/// <summary>
/// A cataloguer whose manifest is one small file parsed whole: it is read within
/// <see cref="MaxBytes"/> (a bigger one is a gap naming its size), handed to a pure parser, and
/// every problem the parser met becomes a gap at the file.
/// </summary>
internal abstract class ManifestFileCataloguer : ILanguageCataloguer
{
    public abstract string Id { get; }

    /// <summary>The largest manifest read; decided before any allocation.</summary>
    protected abstract long MaxBytes { get; }

    public abstract bool Wants(TreeEntry file);

    public async Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await TreeFiles.ReadAsync(file, MaxBytes, cancellationToken).ConfigureAwait(false);
            var parsed = Parse(bytes, file.Path);
            return new AnalyzerOutput(parsed.Packages, [.. parsed.Problems.Select(p => new InventoryGap(file.Path, $"{Id}: {p}"))]);
        }
        catch (DiskFormatException e)
        {
            return new AnalyzerOutput([], [new InventoryGap(file.Path, $"{Id}: {e.Message}")]);
        }
    }

    /// <summary>The packages of one manifest whose path inside the image is <paramref name="location"/>.</summary>
    protected abstract PackageDatabaseParseResult Parse(ReadOnlyMemory<byte> manifest, string location);
}
