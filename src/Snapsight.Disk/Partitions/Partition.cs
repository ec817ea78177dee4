using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Partitions;

/// <summary>One entry of a partition table, in bytes on the disk it was read from.</summary>
public sealed class Partition
{
    /// <summary>
    /// The number Linux gives it: MBR primaries 1–4 by slot, logical partitions from 5 in
    /// chain order; GPT entry index + 1.
    /// </summary>
    public required int Number { get; init; }

    public required long Offset { get; init; }

    /// <summary>The length in bytes, cut at the disk's end when the table claims more (see the warnings).</summary>
    public required long Length { get; init; }

    /// <summary>"0x83" for MBR types; the upper-case type GUID for GPT.</summary>
    public required string TypeId { get; init; }

    /// <summary>A human name for <see cref="TypeId"/> ("Linux filesystem", "EFI System", "Unknown").</summary>
    public required string TypeName { get; init; }

    /// <summary>The GPT partition name; null for MBR.</summary>
    public string? Name { get; init; }

    /// <summary>The GPT unique partition GUID; null for MBR.</summary>
    public Guid? UniqueId { get; init; }

    /// <summary>An MBR extended partition: it holds the logical partitions and no file system of its own.</summary>
    public bool IsExtendedContainer { get; init; }

    /// <summary>A window onto <paramref name="disk"/> (the device this table was read from).</summary>
    public IBlockDevice Open(IBlockDevice disk) => new SliceBlockDevice(disk, Offset, Length);

    public override string ToString() => $"#{Number} {TypeName} ({TypeId}) at {Offset}, {Length} bytes";
}
