using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Partitions;

/// <summary>
/// Reads an MBR's four primary entries and the EBR chain of each extended partition. In an
/// EBR the logical partition's start is relative to that EBR, and the link to the next EBR
/// is relative to the start of the extended partition (the convention of DOS, Windows and
/// Linux; see util-linux libfdisk and Linux block/partitions/msdos.c for the same reading).
/// </summary>
internal static class MbrReader
{
    private const string Layer = "mbr";

    /// <summary>Linux reads at most this many logical partitions too; it also bounds a hostile chain.</summary>
    public const int MaxLogicalPartitions = 1024;

    private const int FirstLogicalNumber = 5;

    public static async Task<PartitionTable> ReadAsync(IBlockDevice disk, ReadOnlyMemory<byte> sector0, List<string> warnings, CancellationToken ct)
    {
        var partitions = new List<Partition>();
        var skipped = new List<SkippedPartition>();
        var extended = new List<MbrEntry>();
        for (var slot = 0; slot < MbrLayout.EntryCount; slot++)
        {
            var entry = MbrEntry.Parse(sector0.Span, slot);
            if (entry.IsEmpty)
            {
                continue;
            }

            var isExtended = PartitionTypes.IsMbrExtended(entry.Type);
            if (Add(partitions, warnings, skipped, disk, entry, slot + 1, entry.StartingLba, isExtended) && isExtended)
            {
                extended.Add(entry);
            }
        }

        var nextNumber = FirstLogicalNumber;
        foreach (var container in extended)
        {
            nextNumber = await ReadLogicalPartitionsAsync(disk, container, nextNumber, partitions, warnings, skipped, ct).ConfigureAwait(false);
        }

        return new PartitionTable
        {
            Scheme = PartitionTable.Mbr,
            SectorSize = MbrLayout.SectorSize,
            Partitions = partitions,
            Warnings = warnings,
            Skipped = skipped,
        };
    }

    private static async Task<int> ReadLogicalPartitionsAsync(
        IBlockDevice disk, MbrEntry container, int nextNumber, List<Partition> partitions, List<string> warnings, List<SkippedPartition> skipped,
        CancellationToken ct)
    {
        var sector = new byte[MbrLayout.SectorSize];
        var visited = new HashSet<ulong>();
        ulong extendedStart = container.StartingLba;
        ulong extendedEnd = extendedStart + container.SizeInLba; // both < 2^32: no overflow
        var ebrLba = extendedStart;
        for (var hop = 0; ; hop++)
        {
            if (hop == MaxLogicalPartitions)
            {
                warnings.Add($"the EBR chain of the extended partition at sector {extendedStart} is longer than {MaxLogicalPartitions} links; stopped there");
                return nextNumber;
            }

            // The visited set proves progress: every hop reaches a sector never read before.
            if (!visited.Add(ebrLba))
            {
                warnings.Add($"the EBR chain loops back to sector {ebrLba}; kept the {visited.Count - 1} links before the loop");
                return nextNumber;
            }

            var ebrOffset = checked((long)ebrLba * MbrLayout.SectorSize);
            if (disk.ClampToLength(ebrOffset, MbrLayout.SectorSize) < MbrLayout.SectorSize)
            {
                warnings.Add($"the EBR at sector {ebrLba} lies past the end of the disk; the chain ends there");
                return nextNumber;
            }

            await disk.ReadExactlyAsync(ebrOffset, sector, Layer, "mbr.ebr", ct).ConfigureAwait(false);
            if (!MbrEntry.HasSignature(sector))
            {
                warnings.Add($"the EBR at sector {ebrLba} has no 0x55AA signature; the chain ends there");
                return nextNumber;
            }

            var (logical, link) = ReadEbrEntries(sector, ebrLba, warnings);
            // A skipped logical partition keeps its number, as in Linux (block/partitions/msdos.c
            // numbers every logical entry; the start is checked against the disk only later).
            if (logical is { } data)
            {
                Add(partitions, warnings, skipped, disk, data, nextNumber, ebrLba + data.StartingLba, isExtended: false);
                nextNumber++;
            }

            if (link is not { } next)
            {
                return nextNumber;
            }

            var nextLba = extendedStart + next.StartingLba;
            if (nextLba >= extendedEnd)
            {
                warnings.Add($"the EBR at sector {ebrLba} links to sector {nextLba}, outside its extended partition; the chain ends there");
                return nextNumber;
            }

            ebrLba = nextLba;
        }
    }

    /// <summary>An EBR holds one logical partition and at most one link; anything more is reported and ignored, as fdisk does.</summary>
    private static (MbrEntry? Logical, MbrEntry? Link) ReadEbrEntries(ReadOnlySpan<byte> sector, ulong ebrLba, List<string> warnings)
    {
        MbrEntry? logical = null;
        MbrEntry? link = null;
        for (var slot = 0; slot < MbrLayout.EntryCount; slot++)
        {
            var entry = MbrEntry.Parse(sector, slot);
            if (entry.IsEmpty)
            {
                continue;
            }

            var isLink = PartitionTypes.IsMbrExtended(entry.Type);
            if (isLink && link is null)
            {
                link = entry;
            }
            else if (!isLink && logical is null)
            {
                logical = entry;
            }
            else
            {
                warnings.Add($"the EBR at sector {ebrLba} has an extra entry in slot {slot} (type {PartitionTypes.MbrTypeId(entry.Type)}); ignored");
            }
        }

        return (logical, link);
    }

    private static bool Add(
        List<Partition> partitions, List<string> warnings, List<SkippedPartition> skipped, IBlockDevice disk, MbrEntry entry, int number, ulong firstSector, bool isExtended)
    {
        var extent = PartitionExtent.Fit(
            firstSector, entry.SizeInLba, MbrLayout.SectorSize, disk.Length, $"MBR partition {number}", number, warnings, skipped);
        if (extent is not var (offset, length))
        {
            return false;
        }

        partitions.Add(new Partition
        {
            Number = number,
            Offset = offset,
            Length = length,
            TypeId = PartitionTypes.MbrTypeId(entry.Type),
            TypeName = PartitionTypes.MbrName(entry.Type),
            IsExtendedContainer = isExtended,
        });
        return true;
    }
}
