using System.Text.Json;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

public sealed partial class LocalCloudProvider
{
    public async Task<IReadOnlyList<CloudSnapshot>> CreateSnapshotSetAsync(
        CloudScope scope, string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.CreateSnapshotSet, instanceId);
        SnapshotTagRules.Check(tags);
        RequireRegion(scope);
        var instance = ReadInstance(scope, instanceId);
        if (instance.State is InstanceState.ShuttingDown or InstanceState.Terminated)
        {
            throw new CloudProviderException(CloudErrorCode.InvalidState, instanceId, $"instance {instanceId} is {instance.State}");
        }

        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var staging = await EnterStagingAsync(scope, cancellationToken).ConfigureAwait(false);
            CheckQuotas(scope, instance);
            var staged = await StageSetAsync(scope, instanceId, instance, tags, cancellationToken).ConfigureAwait(false);

            // Each rename publishes one whole snapshot; a crash between them leaves tagged snapshots the sweeper finds.
            foreach (var (id, directory, _) in staged)
            {
                Directory.Move(directory, Layout.SnapshotDirectory(scope, id));
            }

            return staged.Select(s => Describe(scope, s.Id, s.File)).ToList();
        }
        finally
        {
            _mutations.Release();
        }
    }

    private void CheckQuotas(CloudScope scope, LocalInstanceFile instance)
    {
        var pending = OwnSnapshots(scope).Where(s => Describe(scope, s.Id, s.File).State == SnapshotState.Pending).ToList();
        if (pending.Count + instance.Volumes.Count > _options.MaxPendingSnapshotsPerAccount)
        {
            throw new CloudProviderException(CloudErrorCode.QuotaExceeded, scope.AccountId,
                $"account {scope.AccountId} has {pending.Count} pending snapshots in {scope.Region}; " +
                $"{instance.Volumes.Count} more would pass the limit of {_options.MaxPendingSnapshotsPerAccount}");
        }

        foreach (var volume in instance.Volumes)
        {
            var running = pending.Count(s => s.File.VolumeId == volume.Id);
            if (running >= _options.MaxConcurrentSnapshotsPerVolume)
            {
                throw new CloudProviderException(CloudErrorCode.QuotaExceeded, volume.Id,
                    $"volume {volume.Id} already has {running} pending snapshots, the limit");
            }
        }
    }

    /// <summary>Copies every volume while holding the instance's lock (one point in time), each into its own staging directory.</summary>
    private async Task<List<(string Id, string Directory, LocalSnapshotFile File)>> StageSetAsync(
        CloudScope scope, string instanceId, LocalInstanceFile instance, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var staging = Layout.StagingDirectory(scope);
        var staged = new List<(string, string, LocalSnapshotFile)>();
        var created = new List<string>();
        try
        {
            using var held = await InstanceLock.AcquireAsync(Layout.InstanceDirectory(scope, instanceId), cancellationToken).ConfigureAwait(false);
            var start = Now;
            foreach (var volume in instance.Volumes)
            {
                var image = Layout.VolumeImage(scope, instanceId, volume.Image);
                var id = LocalIds.New(LocalIds.Snapshot);
                var directory = Directory.CreateDirectory(Path.Combine(staging, id)).FullName;
                created.Add(directory);
                FileCloner.Copy(image, Path.Combine(directory, LocalSnapshotFile.DataFileName), cancellationToken);
                var file = new LocalSnapshotFile
                {
                    VolumeId = volume.Id,
                    InstanceId = instanceId,
                    VolumeSizeBytes = await VirtualSizeAsync(image, volume.Id, cancellationToken).ConfigureAwait(false),
                    EncryptionKeyId = volume.EncryptionKeyId,
                    StartTime = start,
                    CompletesAt = start + _options.CompletionDelay,
                    Outcome = OutcomeFor(instanceId, volume.Id),
                    Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
                };
                WriteSnapshotFile(directory, file);
                staged.Add((id, directory, file));
            }

            return staged;
        }
        catch
        {
            foreach (var directory in created)
            {
                Directory.Delete(directory, recursive: true);
            }

            throw;
        }
    }

    private SnapshotOutcome OutcomeFor(string instanceId, string volumeId) =>
        _faults.Fires(LocalFaultKind.CreationFails, null, instanceId, volumeId) ? SnapshotOutcome.Fail
        : _faults.Fires(LocalFaultKind.StuckPending, null, instanceId, volumeId) ? SnapshotOutcome.StayPending
        : SnapshotOutcome.Complete;

    public Task<CloudSnapshot> DescribeSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.DescribeSnapshot, snapshotId);
        var found = Find(scope, snapshotId);
        return found is { } visible && visible.Visible
            ? Task.FromResult(Describe(visible.Owner, snapshotId, visible.File))
            : throw CloudProviderException.NotFound(snapshotId, "snapshot");
    }

    public Task<IReadOnlyList<CloudSnapshot>> ListSnapshotsByTagsAsync(
        CloudScope scope, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.ListSnapshotsByTags, scope.AccountId);
        ArgumentNullException.ThrowIfNull(tags);
        RecoverStagingOnce(scope);
        IReadOnlyList<CloudSnapshot> matching = OwnSnapshots(scope)
            .Where(s => tags.All(tag => s.File.Tags.TryGetValue(tag.Key, out var value) && value == tag.Value))
            .Select(s => Describe(scope, s.Id, s.File))
            .ToList();
        return Task.FromResult(matching);
    }

    /// <summary>The snapshots the scope's account owns in its region, sorted by id.</summary>
    private IEnumerable<(string Id, LocalSnapshotFile File)> OwnSnapshots(CloudScope scope)
    {
        var directory = Layout.SnapshotsDirectory(scope);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var id in Directory.EnumerateDirectories(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (LocalIds.IsValid(LocalIds.Snapshot, id) && ReadSnapshot(scope, id!) is { } file)
            {
                yield return (id!, file);
            }
        }
    }

    /// <summary>The snapshot's file, or null when it does not exist (or was deleted meanwhile).</summary>
    private LocalSnapshotFile? ReadSnapshot(CloudScope owner, string snapshotId)
    {
        var path = Path.Combine(Layout.SnapshotDirectory(owner, snapshotId), LocalSnapshotFile.FileName);
        try
        {
            return LocalFileReader.Parse(File.ReadAllBytes(path), LocalJson.Default.LocalSnapshotFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new CloudProviderException(CloudErrorCode.Corrupt, snapshotId, $"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Finds a snapshot by id in the scope's region, in any account: the owner's scope, its file, and
    /// whether the scope's account may see it (it owns it or holds a grant). Null when none has it.
    /// </summary>
    private (CloudScope Owner, LocalSnapshotFile File, bool Visible)? Find(CloudScope scope, string snapshotId)
    {
        LocalIds.Check(LocalIds.Snapshot, snapshotId);
        if (ReadSnapshot(scope, snapshotId) is { } own)
        {
            return (scope, own, true);
        }

        foreach (var account in Layout.AccountIds())
        {
            var owner = new CloudScope(account, scope.Region);
            if (account != scope.AccountId && ReadSnapshot(owner, snapshotId) is { } file)
            {
                return (owner, file, file.SharedWith.Contains(scope.AccountId, StringComparer.Ordinal));
            }
        }

        return null;
    }

    private CloudSnapshot Describe(CloudScope owner, string snapshotId, LocalSnapshotFile file)
    {
        var state = LocalSnapshotState.At(file, Now);
        return new CloudSnapshot
        {
            Id = snapshotId,
            OwnerAccountId = owner.AccountId,
            Region = owner.Region,
            VolumeId = file.VolumeId,
            VolumeSizeBytes = file.VolumeSizeBytes,
            EncryptionKeyId = file.EncryptionKeyId,
            State = state,
            Progress = LocalSnapshotState.Progress(file, state, Now),
            StateMessage = state == SnapshotState.Error ? "the snapshot failed (injected fault)" : null,
            StartTime = file.StartTime,
            Tags = file.Tags,
            SharedWith = file.SharedWith,
        };
    }

    private static void WriteSnapshotFile(string directory, LocalSnapshotFile file) =>
        AtomicFile.Write(Path.Combine(directory, LocalSnapshotFile.FileName), JsonSerializer.SerializeToUtf8Bytes(file, LocalJson.Default.LocalSnapshotFile));
}
