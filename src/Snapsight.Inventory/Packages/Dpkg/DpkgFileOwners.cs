using System.Text;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;

namespace Snapsight.Inventory.Packages.Dpkg;

/// <summary>
/// Which dpkg package installed a file, from dpkg's own record of it: one line per installed
/// path in <c>/var/lib/dpkg/info/PACKAGE.list</c> (<c>PACKAGE:ARCH.list</c> for multi-arch
/// packages), the file <c>dpkg-query -S</c> answers from. Only the paths asked about are looked
/// for, and reading stops once all have an owner.
/// </summary>
internal static class DpkgFileOwners
{
    private const string InfoDirectory = "/var/lib/dpkg/info";

    /// <summary>A .list file larger than this is not read (the biggest Debian packages list a few MB).</summary>
    private const long MaxListBytes = 32L << 20;

    public static async Task<Dictionary<string, string>> FindAsync(
        FileTree tree, IReadOnlySet<string> paths, IEnumerable<InstalledPackage> packages, List<InventoryGap> gaps, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            if (owners.Count == paths.Count)
            {
                break;
            }

            try
            {
                var list = await TreeFiles.ReadAsync(tree, $"{InfoDirectory}/{package.Name}:{package.Arch}.list", MaxListBytes, cancellationToken).ConfigureAwait(false)
                    ?? await TreeFiles.ReadAsync(tree, $"{InfoDirectory}/{package.Name}.list", MaxListBytes, cancellationToken).ConfigureAwait(false);
                foreach (var line in Encoding.UTF8.GetString(list ?? []).Split('\n'))
                {
                    if (paths.Contains(line))
                    {
                        owners.TryAdd(line, package.Name);
                    }
                }
            }
            catch (IOException e)
            {
                gaps.Add(new InventoryGap($"{InfoDirectory}/{package.Name}.list", $"which files it installed is unknown: {e.Message}"));
            }
        }

        return owners;
    }
}
