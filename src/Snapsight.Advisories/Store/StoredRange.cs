using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Store;

/// <summary>One <c>affected</c> row as matching reads it: the vulnerability's row id and the stretch of versions.</summary>
public sealed record StoredRange(long Vulnerability, string? Module, string? Introduced, string? Fixed, string? LastAffected, AffectedStatus Status, Severity Severity);
