using System.Collections.Concurrent;
using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A cloud claiming the snapshot access mode it is given (the local cloud made to read in place, or
/// to copy and share, as the AWS provider does; or the AWS provider against its fake, claiming its
/// own), recording every copy, every share and the scope of every snapshot opened, to see who read
/// what. The mode may change between steps, as when a server restarts with another default.
/// </summary>
public sealed class AccessModeCloud(ICloudProvider inner, SnapshotAccess access) : DelegatingCloud(inner)
{
    public SnapshotAccess Access { get; set; } = access;

    public override SnapshotAccess SnapshotAccess => Access;

    public ConcurrentBag<(CloudScope Owner, string SnapshotId, string AccountId)> Shares { get; } = [];

    public ConcurrentBag<CloudScope> Readers { get; } = [];

    /// <summary>Each copy made: the source and the copy.</summary>
    public ConcurrentBag<(string SourceId, CloudSnapshot Copy)> Copies { get; } = [];

    public override async Task<CloudSnapshot> CopySnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        var copy = await base.CopySnapshotAsync(scope, snapshotId, cancellationToken);
        Copies.Add((snapshotId, copy));
        return copy;
    }

    public override Task ShareSnapshotAsync(CloudScope scope, string snapshotId, string accountId, CancellationToken cancellationToken)
    {
        Shares.Add((scope, snapshotId, accountId));
        return base.ShareSnapshotAsync(scope, snapshotId, accountId, cancellationToken);
    }

    public override Task<IBlockDevice> OpenSnapshotAsync(CloudScope scope, string snapshotId, CancellationToken cancellationToken)
    {
        Readers.Add(scope);
        return base.OpenSnapshotAsync(scope, snapshotId, cancellationToken);
    }
}
