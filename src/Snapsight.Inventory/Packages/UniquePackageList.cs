namespace Snapsight.Inventory.Packages;

/// <summary>
/// The packages of one database file in file order, one per name and architecture. Neither
/// dpkg nor apk writes a package twice (dpkg refuses such a file); when a damaged or crafted
/// file does, the later record is kept, as a later write of the same record would be, and the
/// duplicate is recorded as a problem.
/// </summary>
internal sealed class UniquePackageList(ParseProblems problems)
{
    private readonly List<InstalledPackage> packages = [];
    private readonly Dictionary<(string Name, string Arch), int> indexByKey = [];

    public IReadOnlyList<InstalledPackage> Packages => packages;

    public void Add(InstalledPackage package, int lineNumber)
    {
        var key = (package.Name, package.Arch ?? "");
        if (indexByKey.TryGetValue(key, out var earlier))
        {
            problems.Add(lineNumber, $"package '{package.Name}' ({package.Arch ?? "no architecture"}) appears again; the later record is kept");
            packages[earlier] = package;
            return;
        }

        indexByKey.Add(key, packages.Count);
        packages.Add(package);
    }
}
