namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// The Berkeley DB hash-access structures rpm (before 4.16) stored Packages in, as Berkeley DB
/// 5.3's <c>dbinc/db_page.h</c> lays them out: DBMETA/HMETA on page 0, the 26-byte PAGE header,
/// item types and the HOFFPAGE off-page reference. Integers are in the byte order of the machine
/// that wrote the file, which the meta page's magic tells.
/// </summary>
internal static class BerkeleyHashLayout
{
    public const uint HashMagic = 0x061561;

    /// <summary>DBMETA fields.</summary>
    public const int MetaMagic = 12;
    public const int MetaPageSize = 20;
    public const int MetaEncryptAlg = 24;
    public const int MetaType = 25;
    public const int MetaLastPage = 32;

    /// <summary>PAGE header fields; SIZEOF_PAGE is 26.</summary>
    public const int NextPage = 16;
    public const int Entries = 20;
    public const int HfOffset = 22;
    public const int Type = 25;
    public const int PageHeaderSize = 26;

    /// <summary>Page types: P_HASH_UNSORTED, P_OVERFLOW, P_HASHMETA, P_HASH.</summary>
    public const byte HashUnsortedPage = 2;
    public const byte OverflowPage = 7;
    public const byte HashMetaPage = 8;
    public const byte HashPage = 13;

    /// <summary>Item types H_KEYDATA and H_OFFPAGE; HOFFPAGE is type, 3 unused bytes, pgno, tlen.</summary>
    public const byte KeyData = 1;
    public const byte OffPage = 3;
    public const int OffPageSize = 12;
    public const int OffPagePageNumber = 4;
    public const int OffPageLength = 8;

    /// <summary>Berkeley DB's page sizes run from 512 to 64 KiB.</summary>
    public const int MinPageSize = 512;
    public const int MaxPageSize = 65536;
}
