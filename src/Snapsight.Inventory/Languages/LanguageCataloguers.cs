using Snapsight.Inventory.Languages.Binaries;
using Snapsight.Inventory.Languages.DotNet;
using Snapsight.Inventory.Languages.Gems;
using Snapsight.Inventory.Languages.Java;
using Snapsight.Inventory.Languages.Npm;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Languages;

/// <summary>Every language cataloguer, in one explicit list (no discovery by reflection).</summary>
internal static class LanguageCataloguers
{
    public static IReadOnlyList<ILanguageCataloguer> All { get; } =
    [
        new PythonCataloguer(),
        new NpmCataloguer(),
        new BinaryCataloguer(),
        new JavaArchiveCataloguer(),
        new GemCataloguer(),
        new DotNetDepsCataloguer(),
    ];
}
