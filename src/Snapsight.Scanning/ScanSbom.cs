using Snapsight.Inventory;
using Snapsight.Inventory.Sbom;

namespace Snapsight.Scanning;

/// <summary>The inventory of a scanned target as a standard SBOM, carrying the disks' and the inventory's gaps.</summary>
public static class ScanSbom
{
    public static void Write(Stream output, SbomFormat format, TargetDescription target, InventoryResult inventory, DateTimeOffset created, Guid serialNumber)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(inventory);
        var info = new SbomDocumentInfo(target.DocumentName, ScanTool.Version, created, serialNumber, [.. Gaps(target, inventory)]);
        var document = SbomDocument.Of(inventory, info);
        if (format == SbomFormat.CycloneDx)
        {
            CycloneDxWriter.Write(output, document);
        }
        else
        {
            SpdxJsonWriter.Write(output, document);
        }
    }

    /// <summary>The disks' gaps first (what could not be read at all), then the inventory's.</summary>
    public static IEnumerable<InventoryGap> Gaps(TargetDescription target, InventoryResult inventory)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(inventory);
        return target.Gaps.Select(g => new InventoryGap(g.Where, g.Reason)).Concat(inventory.Gaps);
    }
}
