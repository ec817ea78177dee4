using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages.Apk;

namespace Snapsight.Inventory.Analyzers;

/// <summary>Alpine's installed-package database.</summary>
internal sealed class ApkAnalyzer : IPackageAnalyzer
{
    private const string InstalledFile = "/lib/apk/db/installed";
    private const long MaxBytes = 256L * 1024 * 1024;

    public string Id => "apk";

    public IReadOnlyList<string> Paths { get; } = [InstalledFile];

    public async Task<AnalyzerOutput> AnalyzeAsync(FileTree tree, CancellationToken cancellationToken)
    {
        try
        {
            if (await TreeFiles.ReadAsync(tree, InstalledFile, MaxBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
            {
                return AnalyzerOutput.Nothing;
            }

            var parsed = ApkInstalledParser.Parse(bytes, InstalledFile);
            return new AnalyzerOutput(parsed.Packages, parsed.Problems.Select(p => new InventoryGap(InstalledFile, p)).ToList());
        }
        catch (DiskFormatException e)
        {
            return new AnalyzerOutput([], [new InventoryGap(InstalledFile, e.Message)]);
        }
    }
}
