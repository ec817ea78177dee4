using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

/// <summary>
/// The scanner as the workflow sees it: read one instance's snapshots and say what is on them. The
/// workflow owns everything cloud-side (making, sharing, deleting snapshots, retrying); the
/// executor only opens the snapshots it is given with <see cref="ICloudProvider.OpenSnapshotAsync"/>
/// as <see cref="ScanRequest.Reader"/> and reads them.
/// </summary>
/// <remarks>
/// Errors: a <see cref="CloudProviderException"/> (a snapshot read that failed) is passed through
/// unchanged, so the workflow retries the transient ones; <see cref="ScanRefusedException"/> ends
/// the run with its reason (e.g. <see cref="ScanReasons.UnsupportedOs"/>); any <see cref="IOException"/>
/// or <see cref="InvalidDataException"/> ends it as <see cref="ScanReasons.ScanFailed"/>. The scan
/// may be run again for the same run after a crash, so it must have no side effect of its own.
/// </remarks>
public interface IScanExecutor
{
    Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken);
}

/// <summary>What to scan: the run, who reads, and the snapshot set in volume order (root first).</summary>
public sealed record ScanRequest(Guid RunId, CloudScope Reader, IReadOnlyList<string> SnapshotIds);

/// <summary>
/// What a scan produced: the result, opaque to the workflow and handed unchanged to
/// <see cref="IScanResultSink"/>, how much was read, and what the provider fetched for it and at
/// what cost (the devices' <see cref="ISnapshotReadReporter"/> reports, summed).
/// </summary>
public sealed record ScanOutput(object Result, long BytesRead, long ReadRequests)
{
    public SnapshotReadReport Fetched { get; init; } = SnapshotReadReport.None;
}
