namespace Snapsight.Advisories.Versions;

/// <summary>
/// Go module versions: SemVer with a <c>v</c> prefix (optional here, since OSV drops it).
/// Pseudo-versions (<c>v0.0.0-20210101000000-abcdef123456</c>) are SemVer pre-releases and
/// order by their timestamp; <c>+incompatible</c> is build metadata and does not count.
/// </summary>
public sealed class GoVersionComparer : SemVerComparer
{
    public static new GoVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.Go;
}
