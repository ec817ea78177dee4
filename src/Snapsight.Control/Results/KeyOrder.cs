namespace Snapsight.Control.Results;

/// <summary>The ordinal orders diffs are listed in, so the same diff always reads the same.</summary>
public static class KeyOrder
{
    public static IComparer<FindingKey> Findings { get; } = Comparer<FindingKey>.Create((a, b) =>
        string.CompareOrdinal(a.VulnerabilityId, b.VulnerabilityId) is var c and not 0 ? c : string.CompareOrdinal(a.PackageName, b.PackageName));

    public static IComparer<PackageKey> Packages { get; } = Comparer<PackageKey>.Create((a, b) =>
        string.CompareOrdinal(a.Type, b.Type) is var t and not 0 ? t
        : string.CompareOrdinal(a.Name, b.Name) is var n and not 0 ? n
        : string.CompareOrdinal(a.Arch, b.Arch));
}
