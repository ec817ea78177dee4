using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Tests.Provider;

/// <summary>
/// What a provider's contract tests are handed: the provider, an owner account and region holding
/// <see cref="InstanceId"/> (running, two volumes, tagged <c>Name=contract-web</c>, launched at
/// <see cref="LaunchTime"/>) and a second account. Each provider lays it out its own way.
/// </summary>
public abstract class ContractFleet : IDisposable
{
    public required ICloudProvider Provider { get; init; }

    public required CloudScope Owner { get; init; }

    /// <summary>An account that owns nothing here: the service account reading shared snapshots.</summary>
    public required string OtherAccountId { get; init; }

    public required string InstanceId { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public CloudScope Other => new(OtherAccountId, Owner.Region);

    /// <summary>
    /// What the provider rounds a volume's size up to: EBS volumes are whole GiB, so a 4 MiB image
    /// is a 1 GiB volume whose remaining bytes read as zeros.
    /// </summary>
    public virtual long VolumeSizeUnit => 1;

    /// <summary>
    /// Snapshots of the instance that the account's own people made, with <paramref name="tags"/> and
    /// not ours: through the provider where nothing forbids it, directly where the role may only
    /// create snapshots tagged ours.
    /// </summary>
    public virtual async Task<IReadOnlyList<string>> CreateForeignSnapshotsAsync(IReadOnlyDictionary<string, string> tags) =>
        [.. (await Provider.CreateSnapshotSetAsync(Owner, InstanceId, tags, CancellationToken.None)).Select(s => s.Id)];

    /// <summary>Lets every pending snapshot reach the state it is headed for.</summary>
    public abstract Task CompletePendingAsync();

    /// <summary>The volume's content now, as a tool other than ours reads it.</summary>
    public abstract Task<byte[]> ReadVolumeAsync(string volumeId);

    /// <summary>Fills <paramref name="length"/> bytes at <paramref name="offset"/> of the volume with <paramref name="pattern"/>, as the instance would.</summary>
    public abstract Task WriteVolumeAsync(string volumeId, long offset, int length, byte pattern);

    public abstract void Dispose();
}
