using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Npm;

/// <summary>
/// Installed npm packages: the package.json of each package folder directly in a
/// node_modules folder (node_modules/x or node_modules/@scope/x), at any depth, which is where
/// npm, yarn and pnpm install them. A package.json deeper inside a package (a folder's
/// {"type":"module"}, a test fixture) is not a package and is never read.
/// </summary>
internal sealed class NpmCataloguer : ManifestFileCataloguer
{
    public override string Id => "npm";

    public override bool Wants(TreeEntry file)
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

    protected override long MaxBytes => NpmPackageJsonParser.MaxBytes;

    /// <summary>One package, or none for a package.json without a name and version (npm skips those too).</summary>
    protected override PackageDatabaseParseResult Parse(ReadOnlyMemory<byte> manifest, string location) =>
        NpmPackageJsonParser.Parse(manifest) is { } package
            ? new([new InstalledPackage { Type = "npm", Name = package.Name, Version = package.Version, Licence = package.Licence, Location = location }], [])
            : new([], []);

    /// <summary>The last name of <paramref name="path"/>, and the folder above it.</summary>
    private static ReadOnlySpan<char> LastName(ReadOnlySpan<char> path, out ReadOnlySpan<char> parent)
    {
        var slash = path.LastIndexOf('/');
        parent = slash < 0 ? default : path[..slash];
        return path[(slash + 1)..];
    }
}
