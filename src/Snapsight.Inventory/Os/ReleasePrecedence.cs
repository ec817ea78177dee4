namespace Snapsight.Inventory.Os;

/// <summary>What the release files decide together: the OS, its exact release, and the disagreements found.</summary>
internal sealed record ReleaseDecision(OperatingSystemInfo? Os, string? ExactRelease, IReadOnlyList<(string Where, string Reason)> Gaps);

/// <summary>
/// The fixed precedence between release files (docs/inventory/os-detection.md):
/// <list type="number">
/// <item>os-release decides when it names an ID; the distro-specific files of the same family
/// only add what it lacks: the exact release ("12.15") and a missing codename.</item>
/// <item>Without it, the first distro-specific file that parses stands in, in the order of
/// <see cref="ReleaseFiles.DistroSpecific"/>.</item>
/// <item>A file of another lineage (a /etc/redhat-release beside ID=ubuntu) is a contradiction:
/// beside os-release the answer still follows os-release and the gap says it may be wrong;
/// without os-release nothing can settle it, so there is no answer.</item>
/// </list>
/// Pure: claims in, decision out.
/// </summary>
internal static class ReleasePrecedence
{
    public static ReleaseDecision Decide(ReleaseClaim? osRelease, IReadOnlyList<ReleaseClaim> distroClaims)
    {
        ArgumentNullException.ThrowIfNull(distroClaims);
        var primary = osRelease ?? (distroClaims.Count > 0 ? distroClaims[0] : null);
        if (primary is null)
        {
            return new ReleaseDecision(null, null, []);
        }

        var contradicting = distroClaims.Where(claim => claim.Lineage != primary.Lineage).ToList();
        if (contradicting.Count > 0)
        {
            var others = string.Join(", ", contradicting.Select(claim => $"{claim.Path} ({claim.Family})"));
            if (osRelease is null)
            {
                return new ReleaseDecision(null, null,
                    [(primary.Path, $"{primary.Path} says {primary.Family} but {others} disagree, and there is no os-release to settle it")]);
            }

            return Decided(primary, distroClaims,
                [(primary.Path, $"{primary.Path} says {primary.Family} but {others} say otherwise; the answer follows os-release and may be wrong")]);
        }

        return Decided(primary, distroClaims, []);
    }

    private static ReleaseDecision Decided(ReleaseClaim primary, IReadOnlyList<ReleaseClaim> distroClaims, IReadOnlyList<(string, string)> gaps)
    {
        var sameFamily = distroClaims.Where(claim => claim.Family == primary.Family).ToList();
        var codename = primary.Codename ?? sameFamily.Select(claim => claim.Codename).FirstOrDefault(c => c is not null);
        var exact = sameFamily.Select(claim => claim.ExactRelease).FirstOrDefault(release => Refines(release, primary.VersionId));
        var os = new OperatingSystemInfo(primary.Family, primary.Name, primary.Version, primary.VersionId, codename, primary.Path);
        return new ReleaseDecision(os, exact, gaps);
    }

    /// <summary>An exact release refines VERSION_ID when it is the same release or a point release of it ("12.15" of "12").</summary>
    private static bool Refines(string? exact, string? versionId) =>
        exact is not null && (versionId is null || exact == versionId || exact.StartsWith(versionId + ".", StringComparison.Ordinal));
}
