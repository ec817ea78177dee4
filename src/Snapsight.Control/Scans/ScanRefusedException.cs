namespace Snapsight.Control.Scans;

/// <summary>
/// The executor's way to end a run for good with a reason of <see cref="ScanReasons"/> (the
/// operating system is not supported, say), as opposed to an error worth retrying.
/// </summary>
public sealed class ScanRefusedException(string reasonCode, string message) : Exception(message)
{
    public string ReasonCode { get; } = ScanReasons.All.Contains(reasonCode, StringComparer.Ordinal)
        ? reasonCode
        : throw new ArgumentException($"'{reasonCode}' is not a scan reason code", nameof(reasonCode));
}
