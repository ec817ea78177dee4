namespace Snapsight.Scanning;

/// <summary>One step of a scan starting: which, and a sentence for people ("matching 131 packages").</summary>
public sealed record ScanProgressReport(ScanStage Stage, string Message);
