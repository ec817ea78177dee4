using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Npm;

/// <summary>
/// Installed npm packages: the package.json of each package folder directly in a
/// node_modules folder (node_modules/x or node_modules/@scope/x), at any depth, which is where
/// npm, yarn and pnpm install them. A package.json deeper inside a package (a folder's
/// {"type":"module"}, a test fixture) is not a package and is never read.
/// </summary>
internal sealed class NpmCataloguer : ILanguageCataloguer
{
    public string Id => "npm";

    public bool Wants(TreeEntry file)
    {
        var path = file.Path.AsSpan();
        if (!path.EndsWith("/package.json", StringComparison.Ordinal))
        {
            return false;
        }

        // npm never installs a package into a folder named with a leading dot (.bin, .cache, .pnpm).
        var name = LastName(path[..^"/package.json".Length], out var parent);
        if (name.IsEmpty || name[0] is '.' or '@')
        {
            return false;
        }

        var parentName = LastName(parent, out var grandparent);
        return parentName is "node_modules"
            || (parentName.Length > 1 && parentName[0] == '@' && LastName(grandparent, out _) is "node_modules");
    }

    public async Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken)
    {
        NpmPackageJson? manifest;
        try
        {
            var json = await TreeFiles.ReadAsync(file, NpmPackageJsonParser.MaxBytes, cancellationToken).ConfigureAwait(false);
            manifest = NpmPackageJsonParser.Parse(json);
        }
        catch (DiskFormatException e)
        {
            return new AnalyzerOutput([], [new InventoryGap(file.Path, $"{Id}: {e.Message}")]);
        }

        if (manifest is null)
        {
            return new AnalyzerOutput([], []);
        }

        var package = new InstalledPackage
        {
            Type = "npm",
            Name = manifest.Name,
            Version = manifest.Version,
            Licence = manifest.Licence,
            Location = file.Path,
        };
        return new AnalyzerOutput([package], []);
    }

    /// <summary>The last name of <paramref name="path"/>, and the folder above it.</summary>
    private static ReadOnlySpan<char> LastName(ReadOnlySpan<char> path, out ReadOnlySpan<char> parent)
    {
        var slash = path.LastIndexOf('/');
        parent = slash < 0 ? default : path[..slash];
        return path[(slash + 1)..];
    }
}
