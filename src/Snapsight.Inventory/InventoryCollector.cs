using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Kernels;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Purl;

namespace Snapsight.Inventory;

/// <summary>
/// Takes the inventory of one file tree: the operating system and every package analyzer
/// together, each reading only its own declared files, then the kernels those packages installed. One analyzer's failure, whatever it is,
/// is a gap; the others still run.
/// </summary>
public static class InventoryCollector
{
    public static async Task<InventoryResult> CollectAsync(FileTree tree, CancellationToken cancellationToken = default)
    {
        // The detection and the analyzers read different files: run together, their reads overlap (on a cloud snapshot each
        // read may wait tens of milliseconds). Their outputs are taken in the fixed order below, so the result does not
        // depend on which finished first. Each starts on the thread pool: one that reads synchronously for a while must not
        // hold up the start of the others.
        var detecting = Task.Run(() => DetectOsAsync(tree, cancellationToken), cancellationToken);
        var analyzing = PackageAnalyzers.All.Select(analyzer => Task.Run(() => AnalyzeAsync(analyzer, tree, cancellationToken), cancellationToken)).ToList();
        await Task.WhenAll([detecting, .. analyzing]).ConfigureAwait(false);
        var (os, gaps) = await detecting.ConfigureAwait(false);
        var packages = new List<InventoryPackage>();
        foreach (var analysis in analyzing)
        {
            var output = await analysis.ConfigureAwait(false);
            packages.AddRange(output.Packages.Select(p => new InventoryPackage(p, PackageUrl.For(p, os))));
            gaps.AddRange(output.Gaps);
        }

        try
        {
            var marked = await LanguagePackageOwners.MarkAsync(tree, [.. packages.Select(p => p.Package)], gaps, cancellationToken).ConfigureAwait(false);
            packages = [.. marked.Zip(packages, (package, old) => old with { Package = package })];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            gaps.Add(new InventoryGap("package ownership", $"could not tell which language packages the OS installed: {e.Message}"));
        }

        var kernels = KernelDetection.None;
        try
        {
            kernels = await KernelDetector.DetectAsync(tree, [.. packages.Select(p => p.Package)], cancellationToken).ConfigureAwait(false);
            gaps.AddRange(kernels.Gaps);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            gaps.Add(new InventoryGap("kernels", $"detection failed: {e.Message}"));
        }

        // Entries the tree could not read while the analyzers listed directories (a name that is not UTF-8, a damaged entry),
        // by path: the analyzers ran together, so the order they were recorded in is not the same from one scan to the next.
        gaps.AddRange(tree.Issues.OrderBy(i => i.Path, StringComparer.Ordinal).Select(i => new InventoryGap(i.Path, i.Message)));

        // Deterministic output: by type, then name, version, architecture and location (the same
        // package in several places is listed in path order, not in the file system's directory order).
        packages.Sort((a, b) =>
        {
            var order = string.CompareOrdinal(a.Package.Type, b.Package.Type);
            order = order != 0 ? order : string.CompareOrdinal(a.Package.Name, b.Package.Name);
            order = order != 0 ? order : string.CompareOrdinal(a.Package.Version, b.Package.Version);
            order = order != 0 ? order : string.CompareOrdinal(a.Package.Arch, b.Package.Arch);
            return order != 0 ? order : string.CompareOrdinal(a.Package.Location, b.Package.Location);
        });
        return new InventoryResult(os, packages, gaps) { Kernels = kernels.Kernels };
    }

    private static async Task<(OperatingSystemInfo? Os, List<InventoryGap> Gaps)> DetectOsAsync(FileTree tree, CancellationToken cancellationToken)
    {
        try
        {
            var detection = await OperatingSystemDetector.DetectAsync(tree, cancellationToken).ConfigureAwait(false);
            return (detection.Os, [.. detection.Gaps.Select(g => new InventoryGap(g.Where, g.Reason))]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, [new InventoryGap("operating system", $"detection failed: {e.Message}")]);
        }
    }

    private static async Task<AnalyzerOutput> AnalyzeAsync(IPackageAnalyzer analyzer, FileTree tree, CancellationToken cancellationToken)
    {
        try
        {
            return await analyzer.AnalyzeAsync(tree, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An unreadable file, a vanished one, or a bug of ours: this analyzer's packages are a gap, the others still count.
            return new AnalyzerOutput([], [new InventoryGap(analyzer.Id, e.Message)]);
        }
    }
}