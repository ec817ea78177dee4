namespace Snapsight.Scanning;

/// <summary>
/// Evaluate a compliance profile during the scan. <see cref="Profile"/> is a profile id or its
/// short name ("standard"); null evaluates the benchmark's default selection. Without
/// <see cref="Content"/> the SCAP Security Guide content installed for the detected system is used.
/// </summary>
public sealed record ComplianceRequest(string? Profile)
{
    public ComplianceContent? Content { get; init; }
}
