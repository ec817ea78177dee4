using Snapsight.Inventory.Languages;

namespace Snapsight.Inventory.Analyzers;

/// <summary>Every package analyzer, in one explicit list (no discovery by reflection).</summary>
internal static class PackageAnalyzers
{
    public static IReadOnlyList<IPackageAnalyzer> All { get; } = [new DpkgAnalyzer(), new RpmAnalyzer(), new ApkAnalyzer(), new LanguageAnalyzer()];
}
