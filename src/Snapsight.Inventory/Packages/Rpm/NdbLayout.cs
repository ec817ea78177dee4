namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// SUSE's NDB <c>Packages.db</c> as rpm's <c>lib/backend/ndb/rpmpkg.c</c> writes it, all
/// little-endian: a 32-byte header ("RpmP", version, generation, slotnpages, nextpkgidx) at the
/// start of the slot area; 16-byte slots ("Slot", pkgidx, blkoff, blkcnt) filling slotnpages
/// 4 KiB pages; blobs at blkoff × 16 with a 16-byte header ("BlbS", pkgidx, generation,
/// bloblen) before the header data and a 12-byte tail after it.
/// </summary>
internal static class NdbLayout
{
    public static ReadOnlySpan<byte> HeaderMagic => "RpmP"u8;
    public static ReadOnlySpan<byte> SlotMagic => "Slot"u8;
    public static ReadOnlySpan<byte> BlobMagic => "BlbS"u8;

    public const int Version = 4;
    public const int SlotPageCount = 12;
    public const int HeaderSize = 32;

    public const int SlotSize = 16;
    public const int SlotPackageIndex = 4;
    public const int SlotBlockOffset = 8;
    public const int SlotBlockCount = 12;

    /// <summary>PAGE_SIZE and SLOTS_PER_PAGE; the header occupies the first two slots (SLOT_START).</summary>
    public const int PageSize = 4096;
    public const int SlotsPerPage = PageSize / SlotSize;
    public const int FirstSlot = HeaderSize / SlotSize;

    /// <summary>BLK_SIZE: blob offsets and lengths count 16-byte blocks.</summary>
    public const int BlockSize = 16;

    public const int BlobHeaderSize = 16;
    public const int BlobPackageIndex = 4;
    public const int BlobLength = 12;
    public const int BlobTailSize = 12;
}
