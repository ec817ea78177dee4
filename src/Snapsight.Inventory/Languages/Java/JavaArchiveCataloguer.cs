using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// Java archives (jar, war, ear, Jenkins' jpi and hpi, par, sar) wherever the language walk
/// finds them: each one's Maven coordinates, and those of the archives nested inside it.
/// </summary>
internal sealed class JavaArchiveCataloguer(JavaArchiveLimits limits) : ILanguageCataloguer
{
    public JavaArchiveCataloguer()
        : this(JavaArchiveLimits.Default)
    {
    }

    public string Id => "java";

    public bool Wants(TreeEntry file) => JavaArchiveNames.IsArchive(file.Path);

    public async Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken)
    {
        if (file.Node.Size > limits.MaxArchiveBytes)
        {
            return Gap(file, $"holds {file.Node.Size} bytes, over the {limits.MaxArchiveBytes}-byte limit for a Java archive: not read");
        }

        try
        {
            var stream = await file.FileSystem.OpenReadAsync(file.Node.Id, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // ZipArchive copies a stream it cannot seek into memory whole; every file system of ours seeks.
                return stream.CanSeek
                    ? await JavaArchiveReader.ReadAsync(stream, file.Path, limits, cancellationToken).ConfigureAwait(false)
                    : Gap(file, "the file system gave a stream that cannot seek: not read");
            }
        }
        catch (Exception e) when (JavaArchiveReader.IsDamage(e))
        {
            return Gap(file, e.Message);
        }
    }

    private static AnalyzerOutput Gap(TreeEntry file, string reason) => new([], [new InventoryGap(file.Path, reason)]);
}
