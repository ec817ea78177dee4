namespace Snapsight.Disk.Images.Qcow2;

/// <summary>
/// Byte offsets of the qcow2 header, big-endian (QEMU docs/interop/qcow2.txt, "Header").
/// Fields from <see cref="IncompatibleFeatures"/> on exist in version 3 only.
/// </summary>
internal static class Qcow2HeaderLayout
{
    public const uint MagicValue = 0x514649FB; // "QFI\xfb"

    public const int Magic = 0;
    public const int Version = 4;
    public const int BackingFileOffset = 8;
    public const int BackingFileSize = 16;
    public const int ClusterBits = 20;
    public const int Size = 24;
    public const int CryptMethod = 32;
    public const int L1Size = 36;
    public const int L1TableOffset = 40;
    public const int RefcountTableOffset = 48;
    public const int RefcountTableClusters = 56;
    public const int NbSnapshots = 60;
    public const int SnapshotsOffset = 64;
    public const int Version2Length = 72;

    public const int IncompatibleFeatures = 72;
    public const int CompatibleFeatures = 80;
    public const int AutoclearFeatures = 88;
    public const int RefcountOrder = 96;
    public const int HeaderLength = 100;
    public const int Version3MinimumLength = 104;
    public const int CompressionType = 104; // present when header_length > 104

    // Incompatible feature bits.
    public const int DirtyBit = 0;
    public const int CorruptBit = 1;
    public const int ExternalDataFileBit = 2;
    public const int CompressionTypeBit = 3;
    public const int ExtendedL2Bit = 4;

    // cluster_bits limits used by QEMU (MIN_CLUSTER_BITS, MAX_CLUSTER_BITS).
    public const int MinClusterBits = 9;
    public const int MaxClusterBits = 21;

    // QEMU's QCOW_MAX_L1_SIZE: 32 MiB of L1 entries; backing file names are at most 1023 bytes.
    public const int MaxL1Bytes = 32 * 1024 * 1024;
    public const int MaxBackingFileNameBytes = 1023;
}

/// <summary>L1 and L2 table entry bits (qcow2.txt, "Cluster mapping").</summary>
internal static class Qcow2EntryLayout
{
    /// <summary>Bits 9–55 hold a cluster-aligned host offset in L1 entries and standard L2 entries.</summary>
    public const ulong OffsetMask = 0x00FF_FFFF_FFFF_FE00;
    public const ulong CompressedFlag = 1UL << 62;
    /// <summary>Version 3 standard L2 entries: bit 0 says the cluster reads as zeros.</summary>
    public const ulong ZeroFlag = 1;
    public const int EntrySize = 8;
}
