using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// A visible LVM2 logical volume. When it cannot be read (a PV is missing, a segment type we
/// do not read such as thin or raid1, a segment reaching past its PV) it is still reported,
/// with <see cref="Device"/> null and <see cref="Problem"/> saying why.
/// </summary>
public sealed class LogicalVolume
{
    public required string VolumeGroup { get; init; }

    public required string Name { get; init; }

    /// <summary>The LV's id as the metadata writes it (with dashes).</summary>
    public required string Uuid { get; init; }

    /// <summary>Bytes, from the metadata (extent count × extent size).</summary>
    public required long Length { get; init; }

    /// <summary>The volume's bytes, mapped through its segments onto the PVs; null when <see cref="Problem"/> is set.</summary>
    public IBlockDevice? Device { get; init; }

    public string? Problem { get; init; }

    public override string ToString() => $"{VolumeGroup}/{Name} ({Length} bytes){(Problem is null ? "" : $": {Problem}")}";
}
