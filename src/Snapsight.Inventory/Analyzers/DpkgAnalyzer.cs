using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Analyzers;

/// <summary>dpkg's status file, and the one-file-per-package status.d/ of distroless images.</summary>
internal sealed class DpkgAnalyzer : IPackageAnalyzer
{
    private const string StatusFile = "/var/lib/dpkg/status";
    private const string StatusDirectory = "/var/lib/dpkg/status.d";
    private const long MaxStatusBytes = 256L * 1024 * 1024;
    private const int MaxStatusDirectoryFiles = 100_000;

    /// <summary>All the status files together: 100,000 files of 256 MiB each must not be read.</summary>
    private const long MaxTotalBytes = 512L * 1024 * 1024;

    public string Id => "dpkg";

    public IReadOnlyList<string> Paths { get; } = [StatusFile, StatusDirectory + "/*"];

    public async Task<AnalyzerOutput> AnalyzeAsync(FileTree tree, CancellationToken cancellationToken)
    {
        var packages = new List<InstalledPackage>();
        var gaps = new List<InventoryGap>();
        var files = new List<string> { StatusFile };
        try
        {
            // Distroless images keep one status paragraph per package here, next to its checksums list.
            var statusDirectory = await TreeFiles.ListFilesAsync(tree, StatusDirectory, MaxStatusDirectoryFiles, cancellationToken).ConfigureAwait(false);
            files.AddRange(statusDirectory.Where(f => !f.EndsWith(".md5sums", StringComparison.Ordinal)));
        }
        catch (DiskFormatException e)
        {
            gaps.Add(new InventoryGap(StatusDirectory, e.Message));
        }

        long total = 0;
        foreach (var file in files)
        {
            try
            {
                if (await TreeFiles.ReadAsync(tree, file, Math.Min(MaxStatusBytes, MaxTotalBytes - total), cancellationToken).ConfigureAwait(false) is { } bytes)
                {
                    total += bytes.Length;
                    var parsed = file == StatusFile ? DpkgStatusParser.Parse(bytes, file) : DpkgStatusParser.ParseStatusDirectoryFile(bytes, file);
                    packages.AddRange(parsed.Packages);
                    gaps.AddRange(parsed.Problems.Select(p => new InventoryGap(file, p)));
                }
            }
            catch (DiskFormatException e)
            {
                gaps.Add(new InventoryGap(file, e.Message));
            }
        }

        return new AnalyzerOutput(packages, gaps);
    }
}
