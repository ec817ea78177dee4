using Snapsight.Cloud.Provider;
using Snapsight.Control.Scans;
using Snapsight.Disk.BlockDevices;
using Snapsight.Scanning;

namespace Snapsight.Server.Scanning;

/// <summary>
/// The scan workflow's scanner: opens a run's snapshots through the cloud as the reader, hands them
/// to <see cref="ScanPipeline"/> root first (data volumes are mounted where the root's fstab says),
/// matches against the server's advisory database when there is one, and evaluates the compliance profile. A disk on which no
/// operating system can be told is refused as <see cref="ScanReasons.UnsupportedOs"/>.
/// </summary>
internal sealed class SnapshotScanExecutor(ICloudProvider cloud, SnapshotScanSettings settings, TimeProvider clock) : IScanExecutor
{
    public async Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var devices = new List<IBlockDevice>(request.SnapshotIds.Count);
        try
        {
            foreach (var snapshotId in request.SnapshotIds)
            {
                devices.Add(await cloud.OpenSnapshotAsync(request.Reader, snapshotId, cancellationToken).ConfigureAwait(false));
            }

            var volumes = devices.Select((device, i) => new ScanVolume(request.SnapshotIds[i], device)).ToList();
            var options = new ScanOptions
            {
                AdvisoryStorePath = settings.AdvisoryDatabaseIfPresent(),
                Compliance = settings.ComplianceProfile is { } profile ? new ComplianceRequest(profile) : null,
                Time = clock,
            };
            var result = await ScanPipeline.RunAsync(request.RunId.ToString(), volumes, options, cancellationToken).ConfigureAwait(false);
            if (result.Os is null)
            {
                throw new ScanRefusedException(ScanReasons.UnsupportedOs,
                    "no operating system could be told on the volumes: " + string.Join("; ", result.Gaps.Select(g => $"{g.Where}: {g.Reason}").Take(3)));
            }

            var reads = result.Target.Statistics;
            return new ScanOutput(result, reads?.BytesRead ?? 0, reads?.ReadRequests ?? 0)
            {
                Fetched = SnapshotReadReport.Sum(devices.OfType<ISnapshotReadReporter>().Select(d => d.ReadReport())),
            };
        }
        finally
        {
            foreach (var device in devices)
            {
                device.Dispose();
            }
        }
    }
}
