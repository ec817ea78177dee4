namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// One attribute record of an MFT record, its header validated: for a resident attribute the
/// value's place inside the record; for a non-resident one its VCN range, sizes and runlist.
/// Offsets are relative to the record's start.
/// </summary>
internal sealed record NtfsAttribute
{
    public required uint Type { get; init; }

    public required string Name { get; init; }

    public required bool IsResident { get; init; }

    /// <summary>The attribute's flags (compression in the low byte, 0x4000 encrypted, 0x8000 sparse).</summary>
    public required ushort Flags { get; init; }

    /// <summary>Where the resident value starts in the record.</summary>
    public int ValueOffset { get; init; }

    /// <summary>The resident value's length.</summary>
    public int ValueLength { get; init; }

    /// <summary>The non-resident attribute's runs, in VCN order (decoded when the record is parsed).</summary>
    public IReadOnlyList<NtfsRun> Runs { get; init; } = [];

    public long StartVcn { get; init; }

    public long LastVcn { get; init; }

    /// <summary>For a non-resident attribute, the logical size of its value.</summary>
    public long DataSize { get; init; }

    public long InitializedSize { get; init; }

    public bool IsCompressed => (Flags & 0x00FF) != 0;

    public bool IsEncrypted => (Flags & 0x4000) != 0;
}
