using System.Buffers.Binary;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// rpm's BerkeleyDB hash <c>Packages</c> file: key a 4-byte header instance, value the header
/// blob. Rather than follow bucket chains we visit every page from 1 to the last once (as
/// go-rpmdb does), reading key/value pairs from hash pages; values too large for a page are
/// overflow chains. Zeroed or freed pages (type 0) are skipped, so they cannot loop (go-rpmdb#37),
/// and every overflow chain is bounded by its own length and a set of overflow pages used so far
/// in the whole file, so no page is copied twice. Inline values on one page may not add up to
/// more than the page. Together these keep the bytes handed out within the file's size.
/// </summary>
internal sealed class BerkeleyHashDatabase
{
    private const string Structure = "bdb.page";

    private readonly ReadOnlyMemory<byte> _file;
    private readonly bool _bigEndian;
    private readonly int _pageSize;
    private readonly uint _lastPage;
    private readonly HashSet<uint> _usedOverflowPages = [];

    private BerkeleyHashDatabase(ReadOnlyMemory<byte> file, bool bigEndian, int pageSize, uint lastPage)
    {
        _file = file;
        _bigEndian = bigEndian;
        _pageSize = pageSize;
        _lastPage = lastPage;
    }

    public static bool IsBerkeleyHash(ReadOnlySpan<byte> file) =>
        file.Length >= BerkeleyHashLayout.MetaMagic + 4
        && (BinaryPrimitives.ReadUInt32LittleEndian(file[BerkeleyHashLayout.MetaMagic..]) == BerkeleyHashLayout.HashMagic
            || BinaryPrimitives.ReadUInt32BigEndian(file[BerkeleyHashLayout.MetaMagic..]) == BerkeleyHashLayout.HashMagic);

    public static BerkeleyHashDatabase Open(ReadOnlyMemory<byte> file)
    {
        var span = file.Span;
        if (span.Length < BerkeleyHashLayout.PageHeaderSize + 16 || !IsBerkeleyHash(span))
        {
            throw Bad("bdb.meta", 0, "no Berkeley DB hash magic 0x061561 on page 0");
        }

        var bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(span[BerkeleyHashLayout.MetaMagic..]) != BerkeleyHashLayout.HashMagic;
        var pageSize = Read32(span, BerkeleyHashLayout.MetaPageSize, bigEndian);
        if (pageSize is < BerkeleyHashLayout.MinPageSize or > BerkeleyHashLayout.MaxPageSize || (pageSize & (pageSize - 1)) != 0)
        {
            throw Bad("bdb.meta", BerkeleyHashLayout.MetaPageSize, $"page size {pageSize} is not a power of two from 512 to 65536");
        }

        if (span.Length < pageSize)
        {
            throw Bad("bdb.meta", 0, $"file of {span.Length} bytes is shorter than one {pageSize}-byte page");
        }

        if (span[BerkeleyHashLayout.MetaType] != BerkeleyHashLayout.HashMetaPage)
        {
            throw Bad("bdb.meta", BerkeleyHashLayout.MetaType, $"page 0 has type {span[BerkeleyHashLayout.MetaType]}, not a hash meta page");
        }

        if (span[BerkeleyHashLayout.MetaEncryptAlg] != 0)
        {
            throw Bad("bdb.meta", BerkeleyHashLayout.MetaEncryptAlg, "the database is encrypted");
        }

        // Pages past the end of the file cannot be read, whatever the meta page says.
        var lastPage = Math.Min(Read32(span, BerkeleyHashLayout.MetaLastPage, bigEndian), (uint)(span.Length / pageSize) - 1);
        return new BerkeleyHashDatabase(file, bigEndian, (int)pageSize, lastPage);
    }

    public IEnumerable<RpmBlob> Blobs()
    {
        var seenKeys = new HashSet<uint>();
        for (uint number = 1; number <= _lastPage; number++)
        {
            var type = _file.Span[(int)PageOffset(number) + BerkeleyHashLayout.Type];
            if (type is not (BerkeleyHashLayout.HashPage or BerkeleyHashLayout.HashUnsortedPage))
            {
                continue;
            }

            List<RpmBlob> found;
            try
            {
                found = ReadHashPage(number, seenKeys);
            }
            catch (PackageDatabaseException error)
            {
                found = [RpmBlob.Failed(error)];
            }

            foreach (var blob in found)
            {
                yield return blob;
            }
        }
    }

    private List<RpmBlob> ReadHashPage(uint number, HashSet<uint> seenKeys)
    {
        var pageOffset = PageOffset(number);
        var page = _file.Span.Slice((int)pageOffset, _pageSize);
        var entries = Read16(page, BerkeleyHashLayout.Entries);
        if (entries > (_pageSize - BerkeleyHashLayout.PageHeaderSize) / 2)
        {
            throw Bad(Structure, pageOffset, $"hash page {number} claims {entries} entries, more than fit");
        }

        var blobs = new List<RpmBlob>();
        var inlineBytes = 0;
        for (var i = 0; i + 1 < entries; i += 2)
        {
            var keyAt = ItemOffset(page, i, pageOffset);
            var valueAt = ItemOffset(page, i + 1, pageOffset);
            // Items are packed downwards from the end of the page, so each ends where the one before it starts.
            var keyEnd = i == 0 ? _pageSize : ItemOffset(page, i - 1, pageOffset);
            if (page[keyAt] != BerkeleyHashLayout.KeyData || keyEnd - keyAt != 5)
            {
                blobs.Add(RpmBlob.Failed(Bad("bdb.item", pageOffset + keyAt, $"item {i} on hash page {number} is not a 4-byte header key")));
                continue;
            }

            // Key 0 holds rpm's next-instance counter, not a header.
            var key = Read32(page, keyAt + 1, _bigEndian);
            if (key == 0)
            {
                continue;
            }

            if (!seenKeys.Add(key))
            {
                blobs.Add(RpmBlob.Failed(Bad("bdb.item", pageOffset + keyAt, $"header key {key} appears again on hash page {number}; the first copy was kept")));
                continue;
            }

            if (page[valueAt] == BerkeleyHashLayout.KeyData)
            {
                inlineBytes += Math.Max(0, keyAt - valueAt);
                if (inlineBytes > _pageSize)
                {
                    throw Bad("bdb.item", pageOffset + valueAt, $"inline values on hash page {number} add up to more than the page: items overlap");
                }
            }

            try
            {
                blobs.Add(ReadValue(page, valueAt, keyAt, pageOffset));
            }
            catch (PackageDatabaseException error)
            {
                blobs.Add(RpmBlob.Failed(error));
            }
        }

        return blobs;
    }

    private RpmBlob ReadValue(ReadOnlySpan<byte> page, int valueAt, int valueEnd, long pageOffset)
    {
        switch (page[valueAt])
        {
            case BerkeleyHashLayout.KeyData when valueEnd > valueAt + 1:
                return new RpmBlob(_file.Slice((int)pageOffset + valueAt + 1, valueEnd - valueAt - 1), pageOffset + valueAt + 1, null);
            case BerkeleyHashLayout.OffPage when valueAt + BerkeleyHashLayout.OffPageSize <= _pageSize:
                var first = Read32(page, valueAt + BerkeleyHashLayout.OffPagePageNumber, _bigEndian);
                var length = Read32(page, valueAt + BerkeleyHashLayout.OffPageLength, _bigEndian);
                return new RpmBlob(ReadOverflow(first, length, pageOffset + valueAt), PageOffset(first), null);
            default:
                throw Bad("bdb.item", pageOffset + valueAt, $"value item of type {page[valueAt]} is not key data or an off-page reference");
        }
    }

    /// <summary>
    /// An overflow chain: P_OVERFLOW pages whose hf_offset counts the bytes they hold, linked by
    /// next_pgno. The chain may not visit a page twice, name a page past the last, or carry more
    /// than the length the reference promised.
    /// </summary>
    private byte[] ReadOverflow(uint first, uint length, long referencedAt)
    {
        var capacity = ((long)_lastPage - _usedOverflowPages.Count) * (_pageSize - BerkeleyHashLayout.PageHeaderSize);
        if (length > capacity)
        {
            throw Bad("bdb.overflow", referencedAt, $"off-page value of {length} bytes is larger than the unused pages can hold ({capacity})");
        }

        var value = new byte[length];
        var filled = 0;
        var next = first;
        while (filled < value.Length)
        {
            if (next == 0 || next > _lastPage || !_usedOverflowPages.Add(next))
            {
                throw Bad("bdb.overflow", referencedAt, $"overflow chain reaches page {next} (past the end, zero, or a loop) with {value.Length - filled} bytes missing");
            }

            var pageOffset = PageOffset(next);
            var page = _file.Span.Slice((int)pageOffset, _pageSize);
            if (page[BerkeleyHashLayout.Type] != BerkeleyHashLayout.OverflowPage)
            {
                throw Bad("bdb.overflow", pageOffset, $"page {next} in an overflow chain has type {page[BerkeleyHashLayout.Type]}");
            }

            var used = Read16(page, BerkeleyHashLayout.HfOffset);
            if (used == 0 || used > _pageSize - BerkeleyHashLayout.PageHeaderSize || used > value.Length - filled)
            {
                throw Bad("bdb.overflow", pageOffset, $"overflow page {next} holds {used} bytes, which does not fit the {value.Length - filled} still expected");
            }

            page.Slice(BerkeleyHashLayout.PageHeaderSize, used).CopyTo(value.AsSpan(filled));
            filled += used;
            next = Read32(page, BerkeleyHashLayout.NextPage, _bigEndian);
        }

        return value;
    }

    private int ItemOffset(ReadOnlySpan<byte> page, int index, long pageOffset)
    {
        int at = Read16(page, BerkeleyHashLayout.PageHeaderSize + 2 * index);
        if (at < BerkeleyHashLayout.PageHeaderSize || at >= _pageSize)
        {
            throw Bad("bdb.item", pageOffset, $"item {index} at {at} is outside the page");
        }

        return at;
    }

    private long PageOffset(uint number) => (long)number * _pageSize;

    private int Read16(ReadOnlySpan<byte> page, int at) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(page[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(page[at..]);

    private static uint Read32(ReadOnlySpan<byte> span, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);

    private static PackageDatabaseException Bad(string structure, long offset, string problem) => new("rpm", structure, offset, problem);
}
