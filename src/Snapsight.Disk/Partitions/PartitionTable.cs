namespace Snapsight.Disk.Partitions;

/// <summary>What <see cref="PartitionTableReader"/> found on a disk.</summary>
public sealed class PartitionTable
{
    public const string Gpt = "gpt";
    public const string Mbr = "mbr";

    /// <summary>No partition table: the caller probes the whole disk for a file system.</summary>
    public const string None = "none";

    /// <summary><see cref="Gpt"/>, <see cref="Mbr"/> or <see cref="None"/>.</summary>
    public required string Scheme { get; init; }

    /// <summary>The logical sector size the table is expressed in (512 or 4096).</summary>
    public required int SectorSize { get; init; }

    public required IReadOnlyList<Partition> Partitions { get; init; }

    /// <summary>Problems that did not stop reading: a corrupt primary GPT, a looping EBR chain, a truncated partition.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Entries whose partition could not be read at all; they are not in <see cref="Partitions"/>.</summary>
    public required IReadOnlyList<SkippedPartition> Skipped { get; init; }

    /// <summary>The GPT disk GUID; null for MBR and none.</summary>
    public Guid? DiskGuid { get; init; }
}
