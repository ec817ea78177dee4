namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>
/// What a volume keeps after a scan, as data for the provider that owns the snapshots: the snapshot
/// now last scanned (the next scan lists its changes from it), every snapshot kept (newest first,
/// at most <see cref="EbsBlockStoreOptions.KeptSnapshots"/>, tagged as kept by the provider), and
/// those past the limit, which the provider must delete.
/// </summary>
public sealed record EbsSnapshotRetention(string VolumeId, string LastScanned, IReadOnlyList<string> Kept, IReadOnlyList<string> ToDelete);
