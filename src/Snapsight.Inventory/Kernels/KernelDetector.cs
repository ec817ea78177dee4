using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Kernels;

/// <summary>
/// Finds the kernels installed in a file tree: the kernel images in /boot and in the module
/// directories (evidence that a release is installed), the packages that installed them
/// (<see cref="KernelPackages"/>), and which one the boot loader boots by default
/// (<see cref="BootLoaderDefaults"/>). Reads only <see cref="KernelFiles"/>; every file it
/// cannot use is a gap, and only cancellation is thrown.
/// </summary>
public static class KernelDetector
{
    public static async Task<KernelDetection> DetectAsync(FileTree tree, IReadOnlyList<InstalledPackage> packages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(packages);
        var gaps = new List<InventoryGap>();
        var bootFiles = await ListAsync(tree, KernelFiles.Boot, FileType.File, KernelFiles.MaxBootEntries, gaps, ct).ConfigureAwait(false);
        var images = bootFiles.Select(f => f.Path).Where(IsKernelImage).ToList();
        var releases = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var directory in KernelFiles.ModuleDirectories)
        {
            foreach (var module in await ListAsync(tree, directory, FileType.Directory, KernelFiles.MaxReleases, gaps, ct).ConfigureAwait(false))
            {
                var release = module.Path[(module.Path.LastIndexOf('/') + 1)..];
                if (!releases.ContainsKey(release) && await HoldsMoreThanHeaderLinksAsync(tree, module.Path, ct).ConfigureAwait(false))
                {
                    // Fedora and RHEL 8+ ship the image inside the module directory; kernel-install copies it to /boot.
                    releases[release] = await IsFileAsync(tree, module.Path + "/vmlinuz", ct).ConfigureAwait(false) ? module.Path + "/vmlinuz" : null;
                }
            }
        }

        foreach (var image in images)
        {
            // The name, not the path: a /boot that is a link is listed under the path it resolves to.
            var suffix = image[(image.LastIndexOf('/') + 1 + "vmlinuz-".Length)..];
            if (char.IsAsciiDigit(suffix[0]))
            {
                releases[suffix] = image;
            }
            else if (releases.Keys.LastOrDefault(r => r.EndsWith("-" + suffix, StringComparison.Ordinal)) is { } flavoured)
            {
                releases[flavoured] = image; // Alpine: /boot/vmlinuz-lts is the image of 6.6.14-0-lts
            }
        }

        var owners = OwnersByRelease(packages, releases);
        foreach (var (release, _) in owners.Where(o => !releases.ContainsKey(o.Key)).ToList())
        {
            releases[release] = null; // a kernel package whose files are not on this tree (a separate /boot not mounted, say)
        }

        var kernels = releases.Select(r => new InstalledKernel(
            r.Key,
            owners.GetValueOrDefault(r.Key)?.Name,
            owners.GetValueOrDefault(r.Key)?.Version,
            r.Value,
            IsBootDefault: false)).ToList();
        if (kernels.Count == 0)
        {
            return new KernelDetection([], null, gaps);
        }

        var choice = await BootLoaderDefaults.FindAsync(tree, kernels, gaps, ct).ConfigureAwait(false);
        return new KernelDetection(choice.Kernels, choice.BootLoader, gaps);
    }

    /// <summary>
    /// linux-headers packages create /lib/modules/RELEASE holding only the build and source
    /// links to the headers: that is no installed kernel. Anything else in it (kernel/,
    /// modules.dep, vmlinuz) is. A few entries decide it; the listing stops there.
    /// </summary>
    private static async Task<bool> HoldsMoreThanHeaderLinksAsync(FileTree tree, string moduleDirectory, CancellationToken ct)
    {
        await foreach (var entry in tree.ListAsync(moduleDirectory, ct).ConfigureAwait(false))
        {
            if (TreePath.FileName(entry.Path) is not ("build" or "source"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKernelImage(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.StartsWith("vmlinuz-", StringComparison.Ordinal) && name.Length > "vmlinuz-".Length
            && !name.Contains("-rescue-", StringComparison.Ordinal) && !name.EndsWith(".hmac", StringComparison.Ordinal);
    }

    private static Dictionary<string, InstalledPackage> OwnersByRelease(IReadOnlyList<InstalledPackage> packages, SortedDictionary<string, string?> onDisk)
    {
        var owners = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var candidates = KernelPackages.Releases(package);
            if (candidates.Count == 0)
            {
                continue;
            }

            var release = candidates.FirstOrDefault(onDisk.ContainsKey) ?? candidates[0];
            if (!owners.TryGetValue(release, out var current) || KernelPackages.IsPreferredOver(package, current))
            {
                owners[release] = package;
            }
        }

        return owners;
    }

    internal static async Task<IReadOnlyList<TreeEntry>> ListAsync(FileTree tree, string directory, FileType type, int max, List<InventoryGap> gaps, CancellationToken ct)
    {
        try
        {
            return await TreeFiles.ListAsync(tree, directory, type, max, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DiskFormatException or IOException)
        {
            gaps.Add(new InventoryGap(directory, $"cannot be listed: {e.Message}"));
            return [];
        }
    }

    private static async Task<bool> IsFileAsync(FileTree tree, string path, CancellationToken ct)
    {
        try
        {
            return await tree.StatAsync(path, followFinalSymlink: true, ct).ConfigureAwait(false) is { Node.Type: FileType.File };
        }
        catch (Exception e) when (e is DiskFormatException or IOException)
        {
            return false;
        }
    }
}
