namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>
/// One OSV vulnerability record (schema 1.x): what matching and reporting need. Timestamps stay
/// the RFC 3339 text the record holds; references, credits and the ecosystem_specific and
/// database_specific objects are not kept.
/// </summary>
public sealed record OsvRecord(
    string Id,
    string? Modified,
    string? Published,
    string? Withdrawn,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Related,
    string? Summary,
    string? Details,
    IReadOnlyList<OsvSeverity> Severity,
    IReadOnlyList<OsvAffected> Affected);
