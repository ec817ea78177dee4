using Snapsight.Inventory.Languages.DotNet;
using Snapsight.Inventory.Languages.Gems;

namespace Snapsight.Inventory.Languages;

/// <summary>Every language cataloguer, in one explicit list (no discovery by reflection).</summary>
internal static class LanguageCataloguers
{
    public static IReadOnlyList<ILanguageCataloguer> All { get; } = [new GemCataloguer(), new DotNetDepsCataloguer()];
}
