using Snapsight.Control.Scans;
using Snapsight.Server.Hosting;

namespace Snapsight.Server.Scans;

/// <summary>
/// A scan run as the API shows it: where the workflow stands for one asset, why it waits (admission
/// control, <see cref="ScanWaitReasons"/>) if it does, why it ended if it did, and how its snapshots are read
/// (<see cref="SnapshotAccess"/>, the mode fixed when it was planned, named as <see cref="CloudChoice.Name"/>; null before).
/// </summary>
public sealed record ScanRunView(
    Guid Id, Guid AssetId, string CloudAccountId, string Region, string InstanceId, ScanRunState State, bool Active,
    string? ReasonCode, string? ReasonDetail, string? LastError, int Attempts, int VolumeCount, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? SnapshotsRequestedAt, DateTime? FinishedAt, string? WaitReason, string? WaitDetail, string? SnapshotAccess)
{
    public static ScanRunView Of(ScanRun r) =>
        new(r.Id, r.AssetId, r.CloudAccountId, r.Region, r.InstanceId, r.State, r.ActiveAssetId is not null, r.ReasonCode, r.ReasonDetail, r.LastError,
            r.Attempt, r.VolumeIds.Count, r.CreatedAt, r.UpdatedAt, r.SnapshotsRequestedAt, r.FinishedAt, r.WaitReason, r.WaitDetail,
            r.SnapshotAccess is { } access ? CloudChoice.Name(access) : null);
}
