namespace Snapsight.Cloud.Provider;

/// <summary>A point-in-time copy of one volume, as the provider describes it.</summary>
public sealed record CloudSnapshot
{
    public required string Id { get; init; }

    /// <summary>The account that owns it (the target account that made it).</summary>
    public required string OwnerAccountId { get; init; }

    public required string Region { get; init; }

    public required string VolumeId { get; init; }

    public required long VolumeSizeBytes { get; init; }

    /// <summary>The key it is encrypted with (its volume's), or null.</summary>
    public string? EncryptionKeyId { get; init; }

    public required SnapshotState State { get; init; }

    /// <summary>0 to 100; 100 once completed.</summary>
    public required int Progress { get; init; }

    /// <summary>Why the snapshot is in <see cref="SnapshotState.Error"/>, or null.</summary>
    public string? StateMessage { get; init; }

    /// <summary>The point in time the snapshot holds.</summary>
    public required DateTimeOffset StartTime { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>Accounts other than the owner that may read it, sorted.</summary>
    public required IReadOnlyList<string> SharedWith { get; init; }
}
