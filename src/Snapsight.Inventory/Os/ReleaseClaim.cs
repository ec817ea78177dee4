namespace Snapsight.Inventory.Os;

/// <summary>
/// What one release file says about the system: a family (an os-release <c>ID</c>), the fields
/// it carries, and the file's <see cref="Lineage"/>, which decides whether it may sit beside an
/// os-release of another family without contradicting it (Ubuntu keeps Debian's debian_version).
/// <see cref="ExactRelease"/> is the most precise release the file gives ("12.15", "7.6.1810").
/// </summary>
internal sealed record ReleaseClaim(
    string Path,
    string Family,
    string Name,
    string? Version,
    string? VersionId,
    string? Codename,
    OsLineage Lineage,
    string? ExactRelease = null);
