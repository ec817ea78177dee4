namespace Snapsight.Disk.Lvm;

/// <summary>What <see cref="LvmReader.ScanAsync"/> found: every nameable LV, and what could not be read.</summary>
public sealed class LvmScanResult
{
    /// <summary>Visible LVs of every volume group found, by VG name; unreadable ones carry <see cref="LogicalVolume.Problem"/>.</summary>
    public required IReadOnlyList<LogicalVolume> Volumes { get; init; }

    /// <summary>Damage that no LV can be named for, in the order found.</summary>
    public required IReadOnlyList<LvmProblem> Problems { get; init; }
}
