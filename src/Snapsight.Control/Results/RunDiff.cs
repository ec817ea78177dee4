namespace Snapsight.Control.Results;

/// <summary>
/// How a run differs from the asset's previous run. Findings are split three ways, with no overlap:
/// <see cref="New"/> were never seen on the asset before, <see cref="Reopened"/> are present now,
/// absent from the previous run and present in some earlier one, <see cref="Fixed"/> were in the
/// previous run and are gone now. Packages are <see cref="Added"/>, <see cref="Removed"/>, or
/// <see cref="Changed"/> (same key, another set of versions). The first run of an asset has no
/// previous run: everything in it is new or added.
/// </summary>
public sealed record RunDiff(
    Guid RunId,
    Guid? PreviousRunId,
    IReadOnlyList<FindingKey> New,
    IReadOnlyList<FindingKey> Fixed,
    IReadOnlyList<FindingKey> Reopened,
    int Unchanged,
    IReadOnlyList<PackageKey> Added,
    IReadOnlyList<PackageKey> Removed,
    IReadOnlyList<PackageChange> Changed)
{
    /// <summary>
    /// The diff from the keys alone: <paramref name="earlier"/> holds the finding keys of every run
    /// before the previous one (only those matter: they tell reopened from new). Pure, so it is
    /// tested as properties; every list comes out in ordinal order.
    /// </summary>
    public static RunDiff Compute(Guid runId, Guid? previousRunId,
        IEnumerable<FindingKey> current, IEnumerable<FindingKey> previous, IReadOnlySet<FindingKey> earlier,
        IEnumerable<(PackageKey Key, string Version)> currentPackages, IEnumerable<(PackageKey Key, string Version)> previousPackages)
    {
        var now = current.ToHashSet();
        var before = previous.ToHashSet();
        var appeared = now.Where(k => !before.Contains(k)).ToList();
        var nowVersions = Versions(currentPackages);
        var beforeVersions = Versions(previousPackages);
        return new RunDiff(runId, previousRunId,
            Sorted(appeared.Where(k => !earlier.Contains(k))),
            Sorted(before.Where(k => !now.Contains(k))),
            Sorted(appeared.Where(earlier.Contains)),
            now.Count - appeared.Count,
            Sorted(nowVersions.Keys.Where(k => !beforeVersions.ContainsKey(k))),
            Sorted(beforeVersions.Keys.Where(k => !nowVersions.ContainsKey(k))),
            nowVersions.Where(p => beforeVersions.TryGetValue(p.Key, out var was) && was != p.Value)
                .Select(p => new PackageChange(p.Key, beforeVersions[p.Key], p.Value))
                .OrderBy(c => c.Package, KeyOrder.Packages).ToList());
    }

    /// <summary>A package's versions as one text ("1.0, 1.1"): a key may be installed more than once (language packages).</summary>
    private static Dictionary<PackageKey, string> Versions(IEnumerable<(PackageKey Key, string Version)> packages) =>
        packages.GroupBy(p => p.Key).ToDictionary(g => g.Key,
            g => string.Join(", ", g.Select(p => p.Version).Distinct().Order(StringComparer.Ordinal)));

    private static List<FindingKey> Sorted(IEnumerable<FindingKey> keys) => keys.Order(KeyOrder.Findings).ToList();

    private static List<PackageKey> Sorted(IEnumerable<PackageKey> keys) => keys.Order(KeyOrder.Packages).ToList();
}
