using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Checksums;

namespace Snapsight.Disk.Partitions;

/// <summary>
/// Reads a GUID partition table (UEFI 2.10 §5.3): the primary header at LBA 1, falling back
/// to the backup header (normally at the last LBA) when the primary or its entry array fails
/// validation, as §5.3.2 asks of firmware. Only the backup header is checked when the primary
/// is good, which costs one sector.
/// </summary>
internal static class GptReader
{
    private const string Layer = "gpt";
    private const ulong PrimaryLba = 1;

    private sealed record LoadedCopy(GptHeader Header, byte[] Entries);

    public static async Task<PartitionTable> ReadAsync(IBlockDevice disk, int sectorSize, List<string> warnings, CancellationToken ct)
    {
        var diskSectors = (ulong)(disk.Length / sectorSize);
        if (diskSectors < 3)
        {
            throw new DiskFormatException(Layer, "gpt.header", 0, $"a {disk.Length}-byte disk is too small for a GPT with {sectorSize}-byte sectors");
        }

        var lastLba = diskSectors - 1;
        var (primary, primaryProblem, claimedAlternate) = await LoadAsync(disk, sectorSize, PrimaryLba, diskSectors, ct).ConfigureAwait(false);
        if (primary is not null)
        {
            await CheckBackupHeaderAsync(disk, sectorSize, primary.Header.AlternateLba, diskSectors, warnings, ct).ConfigureAwait(false);
            return Build(disk, sectorSize, primary, warnings);
        }

        // The corrupt primary's AlternateLBA is untrusted, but harmless to try: the backup it
        // points at must pass every check on its own.
        var problems = new List<string> { $"primary at LBA {PrimaryLba}: {primaryProblem}" };
        foreach (var backupLba in new[] { lastLba, claimedAlternate }.Distinct())
        {
            if (backupLba <= PrimaryLba || backupLba >= diskSectors)
            {
                continue;
            }

            var (backup, backupProblem, _) = await LoadAsync(disk, sectorSize, backupLba, diskSectors, ct).ConfigureAwait(false);
            if (backup is not null)
            {
                warnings.Add($"primary GPT header is corrupt ({primaryProblem}); using the backup at LBA {backupLba}");
                return Build(disk, sectorSize, backup, warnings);
            }

            problems.Add($"backup at LBA {backupLba}: {backupProblem}");
        }

        throw new DiskFormatException(Layer, "gpt.header", (long)PrimaryLba * sectorSize,
            $"no usable GPT header with {sectorSize}-byte sectors ({string.Join("; ", problems)})");
    }

    /// <summary>Loads one copy: header, then its entry array with the array CRC checked.</summary>
    private static async Task<(LoadedCopy? Copy, string Problem, ulong ClaimedAlternate)> LoadAsync(
        IBlockDevice disk, int sectorSize, ulong lba, ulong diskSectors, CancellationToken ct)
    {
        var sector = await disk.ReadBytesAsync((long)lba * sectorSize, sectorSize, Layer, "gpt.header", ct).ConfigureAwait(false);
        var claimedAlternate = BinaryPrimitives.ReadUInt64LittleEndian(sector.AsSpan(GptHeaderLayout.AlternateLba));
        if (GptHeader.TryParse(sector, lba, diskSectors, out var problem) is not { } header)
        {
            return (null, problem, claimedAlternate);
        }

        // TryParse bounded the array to MaximumArrayBytes and placed it inside the disk.
        var entries = await disk.ReadBytesAsync((long)header.PartitionEntryLba * sectorSize, header.EntryArrayBytes, Layer, "gpt.entries", ct)
            .ConfigureAwait(false);
        var computed = Crc32.Ieee(entries);
        if (computed != header.PartitionEntryArrayCrc32)
        {
            return (null, $"entry array CRC mismatch (stored 0x{header.PartitionEntryArrayCrc32:x8}, computed 0x{computed:x8})", claimedAlternate);
        }

        return (new LoadedCopy(header, entries), "", claimedAlternate);
    }

    private static async Task CheckBackupHeaderAsync(
        IBlockDevice disk, int sectorSize, ulong alternateLba, ulong diskSectors, List<string> warnings, CancellationToken ct)
    {
        if (alternateLba <= PrimaryLba || alternateLba >= diskSectors)
        {
            warnings.Add($"backup GPT header LBA {alternateLba} is outside the disk ({diskSectors} sectors): the image may be truncated");
            return;
        }

        var sector = await disk.ReadBytesAsync((long)alternateLba * sectorSize, sectorSize, Layer, "gpt.header", ct).ConfigureAwait(false);
        if (GptHeader.TryParse(sector, alternateLba, diskSectors, out var problem) is null)
        {
            warnings.Add($"backup GPT header at LBA {alternateLba} is corrupt ({problem}); using the primary");
        }
    }

    private static PartitionTable Build(IBlockDevice disk, int sectorSize, LoadedCopy copy, List<string> warnings)
    {
        var header = copy.Header;
        var diskSectors = (ulong)(disk.Length / sectorSize);
        if (header.LastUsableLba >= diskSectors)
        {
            warnings.Add($"the GPT describes {header.LastUsableLba + 1}+ sectors but the disk has {diskSectors}: the image may be truncated");
        }

        var partitions = new List<Partition>();
        var skipped = new List<SkippedPartition>();
        for (var index = 0; index < header.NumberOfPartitionEntries; index++)
        {
            var entry = copy.Entries.AsSpan(index * header.SizeOfPartitionEntry, header.SizeOfPartitionEntry);
            if (ParseEntry(entry, index + 1, header, sectorSize, disk.Length, warnings, skipped) is { } partition)
            {
                partitions.Add(partition);
            }
        }

        WarnAboutOverlaps(partitions, warnings);
        return new PartitionTable
        {
            Scheme = PartitionTable.Gpt,
            SectorSize = sectorSize,
            Partitions = partitions,
            Warnings = warnings,
            Skipped = skipped,
            DiskGuid = header.DiskGuid,
        };
    }

    private static Partition? ParseEntry(ReadOnlySpan<byte> entry, int number, GptHeader header, int sectorSize, long diskLength, List<string> warnings, List<SkippedPartition> skipped)
    {
        var type = new Guid(entry.Slice(GptEntryLayout.PartitionTypeGuid, 16));
        if (type == Guid.Empty)
        {
            return null; // an unused entry (§5.3.3)
        }

        var start = BinaryPrimitives.ReadUInt64LittleEndian(entry[GptEntryLayout.StartingLba..]);
        var end = BinaryPrimitives.ReadUInt64LittleEndian(entry[GptEntryLayout.EndingLba..]);
        if (end < start)
        {
            skipped.Add(new SkippedPartition(number, $"GPT partition {number} ends (LBA {end}) before it starts (LBA {start})"));
            return null;
        }

        // end - start + 1 cannot overflow unless the range is the whole 2^64 space, which Fit rejects by its start anyway.
        var count = end - start == ulong.MaxValue ? ulong.MaxValue : end - start + 1;
        if (PartitionExtent.Fit(start, count, sectorSize, diskLength, $"GPT partition {number}", number, warnings, skipped) is not var (offset, length))
        {
            return null;
        }

        // Only a partition that is kept gets this caveat; a skipped one already says why.
        if (start < header.FirstUsableLba || end > header.LastUsableLba)
        {
            warnings.Add($"GPT partition {number} (LBA {start}–{end}) lies outside the usable range {header.FirstUsableLba}–{header.LastUsableLba}");
        }

        var name = Encoding.Unicode.GetString(entry.Slice(GptEntryLayout.PartitionName, GptEntryLayout.PartitionNameLength));
        var nul = name.IndexOf('\0', StringComparison.Ordinal);
        return new Partition
        {
            Number = number,
            Offset = offset,
            Length = length,
            TypeId = PartitionTypes.GptTypeId(type),
            TypeName = PartitionTypes.GptName(type),
            Name = nul < 0 ? name : name[..nul],
            UniqueId = new Guid(entry.Slice(GptEntryLayout.UniquePartitionGuid, 16)),
        };
    }

    private static void WarnAboutOverlaps(List<Partition> partitions, List<string> warnings)
    {
        var byOffset = partitions.OrderBy(p => p.Offset).ToList();
        for (var i = 1; i < byOffset.Count; i++)
        {
            if (byOffset[i].Offset < byOffset[i - 1].Offset + byOffset[i - 1].Length)
            {
                warnings.Add($"GPT partitions {byOffset[i - 1].Number} and {byOffset[i].Number} overlap");
            }
        }
    }
}
