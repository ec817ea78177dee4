namespace Snapsight.Disk.Images.Vhdx;

/// <summary>
/// Fixed locations and field offsets of VHDX structures, little-endian ([MS-VHDX] "VHDX Format
/// Specification" v1.0, sections 2.1–2.6).
/// </summary>
internal static class VhdxLayout
{
    public const string LayerName = "vhdx";
    public const int KiB = 1024;
    public const int MiB = 1024 * KiB;

    // 2.1 File type identifier at offset 0.
    public static ReadOnlySpan<byte> FileSignature => "vhdxfile"u8;

    // 2.2 Headers: two 4 KiB copies at 64 KiB and 128 KiB.
    public const long Header1Offset = 64 * KiB;
    public const long Header2Offset = 128 * KiB;
    public const int HeaderSize = 4 * KiB;
    public static ReadOnlySpan<byte> HeaderSignature => "head"u8;
    public const int HeaderChecksum = 4;
    public const int HeaderSequenceNumber = 8;
    public const int HeaderLogGuid = 48;
    public const int HeaderLogVersion = 64;
    public const int HeaderVersion = 66;
    public const int HeaderLogLength = 68;
    public const int HeaderLogOffset = 72;

    // 2.3 Region tables: two 64 KiB copies at 192 KiB and 256 KiB.
    public const long RegionTable1Offset = 192 * KiB;
    public const long RegionTable2Offset = 256 * KiB;
    public const int RegionTableSize = 64 * KiB;
    public static ReadOnlySpan<byte> RegionTableSignature => "regi"u8;
    public const int RegionTableChecksum = 4;
    public const int RegionTableEntryCount = 8;
    public const int RegionTableEntries = 16;
    public const int RegionEntrySize = 32;
    public const int MaxRegionEntries = 2047;
    public const int RegionEntryGuid = 0;
    public const int RegionEntryFileOffset = 16;
    public const int RegionEntryLength = 24;
    public const int RegionEntryRequired = 28;
    /// <summary>Everything below 1 MiB is the header section; regions start at or after it.</summary>
    public const long HeaderSectionSize = 1 * MiB;

    public static readonly Guid BatRegion = new("2DC27766-F623-4200-9D64-115E9BFD4A08");
    public static readonly Guid MetadataRegion = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");

    // 2.6 Metadata region: a 64 KiB table, then items.
    public static ReadOnlySpan<byte> MetadataSignature => "metadata"u8;
    public const int MetadataTableSize = 64 * KiB;
    public const int MetadataEntryCount = 10;
    public const int MetadataEntries = 32;
    public const int MetadataEntrySize = 32;
    public const int MaxMetadataEntries = 2047;
    public const int MetadataEntryItemId = 0;
    public const int MetadataEntryOffset = 16;
    public const int MetadataEntryLength = 20;
    public const int MetadataEntryFlags = 24;
    public const uint MetadataFlagIsRequired = 1u << 2;

    public static readonly Guid FileParameters = new("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    public static readonly Guid VirtualDiskSize = new("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    public static readonly Guid VirtualDiskId = new("BECA12AB-B2E6-4523-93EF-C309E000C746");
    public static readonly Guid LogicalSectorSize = new("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    public static readonly Guid PhysicalSectorSize = new("CDA348C7-445D-4471-9CC9-E9885251C556");
    public static readonly Guid ParentLocator = new("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");

    public const uint FileParametersHasParent = 1u << 1;
    public const uint MinBlockSize = 1 * MiB;
    public const uint MaxBlockSize = 256 * MiB;
    /// <summary>The spec caps the virtual disk at 64 TiB.</summary>
    public const ulong MaxVirtualDiskSize = 64UL * 1024 * 1024 * MiB;

    // 2.5 BAT entries: state in bits 0–2, file offset in MiB in bits 20–63.
    public const int BatEntrySize = 8;
    public const ulong BatStateMask = 0x7;
    public const int BatFileOffsetShift = 20;
    public const ulong PayloadNotPresent = 0;
    public const ulong PayloadUndefined = 1;
    public const ulong PayloadZero = 2;
    public const ulong PayloadUnmapped = 3;
    public const ulong PayloadFullyPresent = 6;
    public const ulong PayloadPartiallyPresent = 7;

    /// <summary>Chunk ratio numerator: 2^23 sectors are described by one sector bitmap block.</summary>
    public const long SectorsPerBitmapBlock = 1L << 23;
}
