namespace Snapsight.Inventory.Sbom;

/// <summary>
/// The bom-refs of a BOM being written: the one each package got, and new ones for further
/// sections, unique among all of them. Packages are compared by value, so a package listed
/// twice with every field equal answers with the first of its refs.
/// </summary>
public sealed class CycloneDxBomRefs
{
    private readonly Dictionary<InventoryPackage, string> packageRefs = [];
    private readonly UniqueIds ids;

    internal CycloneDxBomRefs(UniqueIds ids, IEnumerable<(InventoryPackage Package, string BomRef)> packages)
    {
        this.ids = ids;
        foreach (var (package, bomRef) in packages)
        {
            packageRefs.TryAdd(package, bomRef);
        }
    }

    /// <summary>The package's bom-ref, or null when the BOM does not list it.</summary>
    public string? Find(InventoryPackage package) => packageRefs.GetValueOrDefault(package);

    /// <summary>A bom-ref no other element of the BOM has: <paramref name="wanted"/>, or it with "|2", "|3", … appended.</summary>
    public string Claim(string wanted) => ids.Claim(wanted);
}
