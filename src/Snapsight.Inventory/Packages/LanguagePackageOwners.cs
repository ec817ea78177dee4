using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Packages;

/// <summary>
/// Marks language packages the operating system's package manager installed (<see cref="InstalledPackage.OwnedBy"/>):
/// a manifest (or the archive holding it) listed among a dpkg package's files. Costs nothing when
/// there are no language packages. rpm and apk file lists are not read yet.
/// </summary>
internal static class LanguagePackageOwners
{
    private static readonly HashSet<string> OsTypes = ["dpkg", "rpm", "apk"];

    public static async Task<List<InstalledPackage>> MarkAsync(FileTree tree, List<InstalledPackage> packages, List<InventoryGap> gaps, CancellationToken cancellationToken)
    {
        var language = packages.Where(p => !OsTypes.Contains(p.Type)).ToList();
        var dpkg = packages.Where(p => p.Type == "dpkg").ToList();
        if (language.Count == 0 || dpkg.Count == 0)
        {
            return packages;
        }

        var paths = language.Select(p => FileOf(p.Location)).ToHashSet(StringComparer.Ordinal);
        var owners = await DpkgFileOwners.FindAsync(tree, paths, dpkg, gaps, cancellationToken).ConfigureAwait(false);
        return [.. packages.Select(p => !OsTypes.Contains(p.Type) && owners.TryGetValue(FileOf(p.Location), out var owner) ? p with { OwnedBy = owner } : p)];
    }

    /// <summary>"/usr/share/java/a.jar!/lib/b.jar" → "/usr/share/java/a.jar": the file on disk.</summary>
    private static string FileOf(string location) => location.IndexOf('!') is >= 0 and var bang ? location[..bang] : location;
}
