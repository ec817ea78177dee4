using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

public sealed partial class LocalCloudProvider
{
    /// <summary>
    /// A copy of the caller's completed snapshot in its own account and region (the local cloud has no
    /// keys to re-encrypt under: the copy keeps the source's), pending like a new snapshot, tagged with
    /// the source's tags and <see cref="SnapshotTags.CopyOf"/>; an existing copy of the source is returned.
    /// </summary>
    public async Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.CopySnapshot, snapshotId);
        RequireRegion(scope);
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var source = OwnedByCaller(scope, snapshotId);
            if (Describe(scope, snapshotId, source).State != SnapshotState.Completed)
            {
                throw new CloudProviderException(CloudErrorCode.InvalidState, snapshotId, $"snapshot {snapshotId} is not completed: it cannot be copied yet");
            }

            if (OwnSnapshots(scope).FirstOrDefault(s => s.File.Tags.GetValueOrDefault(SnapshotTags.CopyOf) == snapshotId) is { Id: not null } existing)
            {
                return Describe(scope, existing.Id, existing.File);
            }

            using var staging = await EnterStagingAsync(scope, cancellationToken).ConfigureAwait(false);
            var id = LocalIds.New(LocalIds.Snapshot);
            var directory = Directory.CreateDirectory(Path.Combine(Layout.StagingDirectory(scope), id)).FullName;
            FileCloner.Copy(Path.Combine(Layout.SnapshotDirectory(scope, snapshotId), LocalSnapshotFile.DataFileName),
                Path.Combine(directory, LocalSnapshotFile.DataFileName), cancellationToken);
            var start = Now;
            var copy = source with
            {
                StartTime = start,
                CompletesAt = start + _options.CompletionDelay,
                Outcome = SnapshotOutcome.Complete,
                Tags = new Dictionary<string, string>(source.Tags, StringComparer.Ordinal) { [SnapshotTags.CopyOf] = snapshotId },
                SharedWith = [],
            };
            WriteSnapshotFile(directory, copy);
            // One rename publishes the whole copy; a crash before it leaves only staging, cleared on the next entry.
            Directory.Move(directory, Layout.SnapshotDirectory(scope, id));
            return Describe(scope, id, copy);
        }
        finally
        {
            _mutations.Release();
        }
    }
}
