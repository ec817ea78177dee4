using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Images;

namespace Snapsight.Cloud.Local;

public sealed partial class LocalCloudProvider
{
    public Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        ChangeGrantAsync(LocalOperation.ShareSnapshot, scope, snapshotId, accountId, grant: true, cancellationToken);

    public Task UnshareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken) =>
        ChangeGrantAsync(LocalOperation.UnshareSnapshot, scope, snapshotId, accountId, grant: false, cancellationToken);

    private async Task ChangeGrantAsync(
        LocalOperation operation, CloudScope scope, string snapshotId, string accountId, bool grant, CancellationToken cancellationToken)
    {
        Throttle(operation, snapshotId);
        CloudScope.CheckAccountId(accountId);
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = OwnedByCaller(scope, snapshotId);
            if (accountId == scope.AccountId)
            {
                throw new CloudProviderException(CloudErrorCode.InvalidParameter, accountId, "a snapshot's owner cannot share it with itself");
            }

            var others = file.SharedWith.Where(a => a != accountId);
            var sharedWith = (grant ? others.Append(accountId) : others).Order(StringComparer.Ordinal).ToList();
            WriteSnapshotFile(Layout.SnapshotDirectory(scope, snapshotId), file with { SharedWith = sharedWith });
        }
        finally
        {
            _mutations.Release();
        }
    }

    public async Task DeleteSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.DeleteSnapshot, snapshotId);
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var staging = await EnterStagingAsync(scope, cancellationToken).ConfigureAwait(false);
            OwnedByCaller(scope, snapshotId);

            // One rename makes it vanish whole; the data is removed afterwards (or by the next one in staging after a crash).
            var doomed = Path.Combine(Layout.StagingDirectory(scope), "deleted-" + snapshotId);
            Directory.Move(Layout.SnapshotDirectory(scope, snapshotId), doomed);
            Directory.Delete(doomed, recursive: true);
        }
        finally
        {
            _mutations.Release();
        }
    }

    public async Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.OpenSnapshot, snapshotId);
        var (owner, file, visible) = Find(scope, snapshotId) ?? throw CloudProviderException.NotFound(snapshotId, "snapshot");
        if (!visible)
        {
            throw new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId,
                $"snapshot {snapshotId} belongs to account {owner.AccountId} and is not shared with {scope.AccountId}");
        }

        var state = LocalSnapshotState.At(file, Now);
        if (state != SnapshotState.Completed)
        {
            throw new CloudProviderException(CloudErrorCode.InvalidState, snapshotId, $"snapshot {snapshotId} is {state}, not completed");
        }

        var data = Path.Combine(Layout.SnapshotDirectory(owner, snapshotId), LocalSnapshotFile.DataFileName);
        OpenedDiskImage image;
        try
        {
            image = await DiskImage.OpenAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw CloudProviderException.NotFound(snapshotId, "snapshot"); // deleted since it was found
        }

        return new LocalSnapshotDevice(snapshotId, file.VolumeId, image, _faults);
    }

    /// <summary>The snapshot's file when the scope's account owns it; a grantee is denied, anyone else told it does not exist.</summary>
    private LocalSnapshotFile OwnedByCaller(CloudScope scope, string snapshotId)
    {
        var (owner, file, visible) = Find(scope, snapshotId) ?? throw CloudProviderException.NotFound(snapshotId, "snapshot");
        if (owner.AccountId == scope.AccountId)
        {
            return file;
        }

        throw visible
            ? new CloudProviderException(CloudErrorCode.AccessDenied, snapshotId, $"only its owner {owner.AccountId} may change snapshot {snapshotId}")
            : CloudProviderException.NotFound(snapshotId, "snapshot");
    }
}
