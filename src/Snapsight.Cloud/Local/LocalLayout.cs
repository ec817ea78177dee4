using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>
/// Where everything lives under the local cloud's root:
/// <c>accounts/&lt;account&gt;/regions/&lt;region&gt;/instances/&lt;instance-id&gt;/instance.json</c> and
/// <c>accounts/&lt;account&gt;/regions/&lt;region&gt;/snapshots/&lt;snap-id&gt;/{snapshot.json,data}</c>.
/// Work in progress sits in <c>snapshots/.staging</c> and moves into place by one rename; whoever works there
/// holds <c>snapshots/.staging.lock</c>.
/// (<c>accounts/&lt;account&gt;/account.json</c> belongs to the account registry, not to this provider.)
/// </summary>
public sealed class LocalLayout(string root)
{
    public const string InstanceFileName = "instance.json";

    public string Root { get; } = Path.GetFullPath(root);

    public string AccountsDirectory => Path.Combine(Root, "accounts");

    public string AccountDirectory(string accountId) => Path.Combine(AccountsDirectory, CloudScope.CheckAccountId(accountId));

    public string RegionsDirectory(string accountId) => Path.Combine(AccountDirectory(accountId), "regions");

    public string RegionDirectory(CloudScope scope) => Path.Combine(RegionsDirectory(scope.AccountId), scope.Region);

    public string InstancesDirectory(CloudScope scope) => Path.Combine(RegionDirectory(scope), "instances");

    public string InstanceDirectory(CloudScope scope, string instanceId) =>
        Path.Combine(InstancesDirectory(scope), LocalIds.Check(LocalIds.Instance, instanceId));

    public string InstanceFile(CloudScope scope, string instanceId) => Path.Combine(InstanceDirectory(scope, instanceId), InstanceFileName);

    public string SnapshotsDirectory(CloudScope scope) => Path.Combine(RegionDirectory(scope), "snapshots");

    public string SnapshotDirectory(CloudScope scope, string snapshotId) =>
        Path.Combine(SnapshotsDirectory(scope), LocalIds.Check(LocalIds.Snapshot, snapshotId));

    public string StagingDirectory(CloudScope scope) => Path.Combine(SnapshotsDirectory(scope), ".staging");

    /// <summary>Held (a <see cref="FileLock"/>) by every creation and deletion in the region while it works in staging.</summary>
    public string StagingLockFile(CloudScope scope) => Path.Combine(SnapshotsDirectory(scope), ".staging.lock");

    /// <summary>
    /// A volume's image file: <paramref name="relative"/> resolved in the instance's directory, which
    /// it may not leave (no absolute paths, no <c>..</c> out of it).
    /// </summary>
    public string VolumeImage(CloudScope scope, string instanceId, string relative)
    {
        var directory = InstanceDirectory(scope, instanceId) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(directory, relative));
        return !Path.IsPathRooted(relative) && full.StartsWith(directory, StringComparison.Ordinal)
            ? full
            : throw new CloudProviderException(CloudErrorCode.Corrupt, instanceId,
                $"instance {instanceId} names volume image '{relative}' outside its directory");
    }

    /// <summary>Every account directory (others in the root are ignored), sorted.</summary>
    public IReadOnlyList<string> AccountIds() => Directory.Exists(AccountsDirectory)
        ? Directory.EnumerateDirectories(AccountsDirectory).Select(Path.GetFileName).OfType<string>()
            .Where(CloudScope.IsAccountId).Order(StringComparer.Ordinal).ToList()
        : [];
}
