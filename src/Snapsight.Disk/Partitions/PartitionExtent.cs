namespace Snapsight.Disk.Partitions;

/// <summary>
/// Turns a table's (first sector, sector count) into bytes on the disk, checked against the
/// disk's real length. A partition reaching past the end is kept, cut at the end, with a
/// warning: a truncated image still yields the data it holds. One starting at or past the
/// end holds nothing to read, so it is recorded as skipped.
/// </summary>
internal static class PartitionExtent
{
    public static (long Offset, long Length)? Fit(
        ulong firstSector, ulong sectorCount, int sectorSize, long diskLength, string what, int number,
        List<string> warnings, List<SkippedPartition> skipped)
    {
        var diskSectors = (ulong)diskLength / (ulong)sectorSize;
        if (firstSector >= diskSectors)
        {
            skipped.Add(new SkippedPartition(number,
                $"{what} starts at sector {firstSector}, past the end of the disk ({diskSectors} sectors of {sectorSize} bytes)"));
            return null;
        }

        // firstSector < diskSectors, so the multiplication stays below diskLength.
        var offset = (long)firstSector * sectorSize;
        var available = diskLength - offset;
        if (sectorCount > (ulong)available / (ulong)sectorSize)
        {
            warnings.Add($"{what} ({sectorCount} sectors from sector {firstSector}) reaches past the end of the disk; cut to the {available} bytes present");
            return (offset, available);
        }

        return (offset, (long)sectorCount * sectorSize);
    }
}
