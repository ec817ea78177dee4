namespace Snapsight.Cli.Demo;

/// <summary>
/// Where one discovered asset stands in the demo's first round of scans, read from <c>GET /api/v1/assets</c> and
/// its latest run in <c>GET /api/v1/scans</c>: <see cref="Outcome"/> is one of the constants below.
/// </summary>
internal sealed record DemoAssetScan(string AssetId, string InstanceId, string? Name, string Outcome, string? Reason)
{
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Scanning = "scanning";
    public const string Waiting = "waiting";
    public const string NotActivated = "not activated";

    /// <summary>Settled: scanned, or its latest run ended without a result; a not activated asset is never scanned, so it is settled too.</summary>
    public bool Settled => Outcome is Done or Failed or Skipped or NotActivated;

    /// <summary>The outcome with its reason, as the progress line and the summary show it.</summary>
    public string Described => Reason is null ? Outcome : $"{Outcome} ({Reason})";
}
