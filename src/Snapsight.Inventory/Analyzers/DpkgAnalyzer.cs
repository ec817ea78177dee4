using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Analyzers;

/// <summary>
/// dpkg's status file, and the one-file-per-package status.d/ of distroless images. A package
/// (name and architecture) recorded in more than one file is reported once: the later file
/// (status first, then status.d by name) wins, as the later record does within one file, and
/// the duplicate is a gap naming both files (distroless images can keep an old "base" file
/// beside the per-package one).
/// </summary>
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
        var indexByKey = new Dictionary<(string Name, string Arch), int>();
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
                    foreach (var package in parsed.Packages)
                    {
                        AddOnce(packages, indexByKey, package, gaps);
                    }

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

    private static void AddOnce(
        List<InstalledPackage> packages, Dictionary<(string Name, string Arch), int> indexByKey, InstalledPackage package, List<InventoryGap> gaps)
    {
        var key = (package.Name, package.Arch ?? "");
        if (!indexByKey.TryGetValue(key, out var earlier))
        {
            indexByKey.Add(key, packages.Count);
            packages.Add(package);
            return;
        }

        gaps.Add(new InventoryGap(package.Location,
            $"package '{package.Name}' ({package.Arch ?? "no architecture"}) is also recorded in {packages[earlier].Location}; the record in {package.Location} is kept"));
        packages[earlier] = package;
    }
}
