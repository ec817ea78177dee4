using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>
/// Tags on existing snapshots, and no incremental reads: the local cloud reads its snapshot files
/// whole and cheaply, so it keeps no scanned snapshot and the workflow deletes every one as before.
/// </summary>
public sealed partial class LocalCloudProvider
{
    public int KeptSnapshotsPerVolume => 0;

    public Task<IReadOnlyList<string>> CommitScanAsync(CloudScope reader, string volumeId, string snapshotId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public async Task TagSnapshotAsync(CloudScope scope, string snapshotId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.TagSnapshot, snapshotId);
        SnapshotTagRules.CheckKeeping(tags);
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = OwnedByCaller(scope, snapshotId);
            var merged = new Dictionary<string, string>(file.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in tags)
            {
                merged[key] = value;
            }

            WriteSnapshotFile(Layout.SnapshotDirectory(scope, snapshotId), file with { Tags = merged });
        }
        finally
        {
            _mutations.Release();
        }
    }
}
