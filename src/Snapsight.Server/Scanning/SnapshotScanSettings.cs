namespace Snapsight.Server.Scanning;

/// <summary>
/// What the server's scans match against: the advisory database (<c>snapsight db import/update --db</c>),
/// by default <c>advisories.db</c> in the data folder; and the compliance profile evaluated with the
/// SCAP Security Guide content installed for the detected system (a system without such content, or
/// without that profile, gets a recorded skip, not a failed scan).
/// </summary>
public sealed record SnapshotScanSettings(string AdvisoryDatabase)
{
    /// <summary>The profile's id or short name; null evaluates no compliance.</summary>
    public string? ComplianceProfile { get; init; } = "standard";

    /// <summary>The file name of the advisory database in the data folder (what <c>snapsight demo</c> writes).</summary>
    public const string DefaultFileName = "advisories.db";

    /// <summary>The database when it exists; without one, scans take the inventory and record the gap.</summary>
    public string? AdvisoryDatabaseIfPresent() => File.Exists(AdvisoryDatabase) ? AdvisoryDatabase : null;
}
