namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// Offsets inside multi-sector records (FILE and INDX), MFT records, attribute headers and
/// index headers/entries, named as in ntfs-3g's layout.h (MFT_RECORD, ATTR_RECORD, INDEX_HEADER,
/// INDEX_ENTRY, FILE_NAME_ATTR).
/// </summary>
internal static class NtfsRecordLayout
{
    // Multi-sector header, shared by FILE and INDX records.
    public const int Magic = 0x00;
    public const int UsaOffset = 0x04;          // u16
    public const int UsaCount = 0x06;           // u16: 1 + number of 512-byte strides

    /// <summary>The update sequence protects the last two bytes of every 512 bytes, whatever the sector size.</summary>
    public const int UsaStride = 512;

    // MFT record (FILE).
    public const int SequenceNumber = 0x10;     // u16
    public const int AttributesOffset = 0x14;   // u16
    public const int Flags = 0x16;              // u16: 0x1 in use, 0x2 directory
    public const int BytesInUse = 0x18;         // u32
    public const int BytesAllocated = 0x1C;     // u32
    public const int BaseRecord = 0x20;         // u64 file reference; 0 for a base record
    public const int FileHeaderMinSize = 0x2A;  // NTFS 3.0 header; 3.1 adds the record number at 0x2C

    public const ushort FlagInUse = 0x1;
    public const ushort FlagDirectory = 0x2;

    // Attribute record header.
    public const int AttrType = 0x00;           // u32; 0xFFFFFFFF ends the list
    public const int AttrLength = 0x04;         // u32
    public const int AttrNonResident = 0x08;    // u8
    public const int AttrNameLength = 0x09;     // u8, UTF-16 units
    public const int AttrNameOffset = 0x0A;     // u16
    public const int AttrFlags = 0x0C;          // u16: 0x00FF compression, 0x4000 encrypted, 0x8000 sparse
    public const int ResidentValueLength = 0x10; // u32
    public const int ResidentValueOffset = 0x14; // u16
    public const int ResidentHeaderSize = 0x18;
    public const int NonResidentStartVcn = 0x10; // s64
    public const int NonResidentLastVcn = 0x18;  // s64
    public const int NonResidentRunsOffset = 0x20; // u16
    public const int NonResidentCompressionUnit = 0x22; // u8
    public const int NonResidentAllocatedSize = 0x28; // s64
    public const int NonResidentDataSize = 0x30; // s64
    public const int NonResidentInitializedSize = 0x38; // s64
    public const int NonResidentHeaderSize = 0x40;
    public const uint EndOfAttributes = 0xFFFFFFFF;

    // INDEX_ROOT value: attribute type, collation rule, index block size, clusters per index block, then an INDEX_HEADER.
    public const int RootIndexedType = 0x00;    // u32: 0x30 ($FILE_NAME) for directories
    public const int RootCollation = 0x04;      // u32: 1 = COLLATION_FILE_NAME
    public const int RootIndexBlockSize = 0x08; // u32
    public const int RootHeader = 0x10;
    public const uint CollationFileName = 1;

    // INDX record: the multi-sector header, the block's own VCN, then an INDEX_HEADER.
    public const int IndexBlockVcn = 0x10;      // s64
    public const int IndexBlockHeader = 0x18;

    // INDEX_HEADER, relative to its own start.
    public const int HeaderEntriesOffset = 0x00; // u32
    public const int HeaderIndexLength = 0x04;   // u32: bytes in use, from the header's start
    public const int HeaderAllocatedSize = 0x08; // u32
    public const int HeaderSize = 0x10;

    // INDEX_ENTRY.
    public const int EntryFileReference = 0x00; // u64: record number (48 bits) and sequence number (16 bits)
    public const int EntryLength = 0x08;        // u16
    public const int EntryKeyLength = 0x0A;     // u16
    public const int EntryFlags = 0x0C;         // u16: 0x1 has a child node (VCN in the last 8 bytes), 0x2 last entry
    public const int EntryKey = 0x10;
    public const ushort EntryHasChild = 0x1;
    public const ushort EntryLast = 0x2;

    // FILE_NAME attribute value (the key of directory index entries).
    public const int FileNameParent = 0x00;     // u64 file reference
    public const int FileNameLength = 0x40;     // u8, UTF-16 units
    public const int FileNameNamespace = 0x41;  // u8: 0 POSIX, 1 Win32, 2 DOS, 3 Win32 and DOS
    public const int FileNameName = 0x42;
}
