using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Partitions;

/// <summary>
/// Finds the partition table of a disk: GPT (with 512- or 4096-byte logical sectors), MBR
/// with its EBR chains, or none (a bare file system, which the caller probes as a whole).
/// </summary>
public static class PartitionTableReader
{
    /// <summary>The GPT header sits at LBA 1, so it is at byte 512 or 4096 depending on the sector size.</summary>
    private static readonly int[] GptSectorSizes = [512, 4096];

    private const int HeadBytes = 4096 + 512;

    /// <summary>
    /// Reads the partition table. Problems that still leave a usable table are listed in
    /// <see cref="PartitionTable.Warnings"/>; a table that cannot be used at all (a protective
    /// MBR whose GPT copies are both corrupt) throws <see cref="DiskFormatException"/>.
    /// </summary>
    public static async Task<PartitionTable> ReadAsync(IBlockDevice disk, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var warnings = new List<string>();
        if (disk.Length < MbrLayout.SectorSize)
        {
            return NoTable(warnings);
        }

        var head = await disk.ReadBytesAsync(0, disk.ClampToLength(0, HeadBytes), "partitions", "mbr", ct).ConfigureAwait(false);
        var hasMbrSignature = MbrEntry.HasSignature(head);
        var entries = Enumerable.Range(0, MbrLayout.EntryCount).Select(slot => MbrEntry.Parse(head, slot)).ToList();
        var isProtective = hasMbrSignature && entries.Any(e => e.Type == PartitionTypes.MbrProtectiveGpt);

        // Linux trusts a GPT only behind a protective MBR; we also accept a GPT header on its
        // own (with a warning), since a wiped sector 0 should not hide the partitions.
        var signedSectorSize = GptSectorSizes.Where(size => head.Length > size && GptHeader.HasSignature(head.AsSpan(size))).ToList();
        if (signedSectorSize.Count > 0 || isProtective)
        {
            if (!isProtective)
            {
                warnings.Add("a GPT header is present but sector 0 holds no protective MBR (type 0xEE)");
            }

            return await ReadGptAsync(disk, signedSectorSize.Count > 0 ? signedSectorSize : GptSectorSizes, warnings, ct).ConfigureAwait(false);
        }

        if (!hasMbrSignature)
        {
            return NoTable(warnings);
        }

        var badSlot = entries.FindIndex(e => !e.HasValidBootIndicator);
        if (badSlot >= 0)
        {
            warnings.Add($"sector 0 ends in 0x55AA but entry {badSlot + 1} has boot indicator 0x{entries[badSlot].BootIndicator:x2}: not a partition table");
            return NoTable(warnings);
        }

        if (entries.All(e => e.IsEmpty))
        {
            warnings.Add("the MBR has no partitions");
            return NoTable(warnings);
        }

        return await MbrReader.ReadAsync(disk, head.AsMemory(0, MbrLayout.SectorSize), warnings, ct).ConfigureAwait(false);
    }

    /// <summary>Tries each candidate sector size; the first whose GPT validates wins, and if none does, the first error is raised.</summary>
    private static async Task<PartitionTable> ReadGptAsync(IBlockDevice disk, IReadOnlyList<int> sectorSizes, List<string> warnings, CancellationToken ct)
    {
        DiskFormatException? first = null;
        foreach (var sectorSize in sectorSizes)
        {
            try
            {
                return await GptReader.ReadAsync(disk, sectorSize, [.. warnings], ct).ConfigureAwait(false);
            }
            catch (DiskFormatException e)
            {
                first ??= e;
            }
        }

        throw first!;
    }

    private static PartitionTable NoTable(List<string> warnings) => new()
    {
        Scheme = PartitionTable.None,
        SectorSize = MbrLayout.SectorSize,
        Partitions = [],
        Warnings = warnings,
        Skipped = [],
    };
}
