using System.Buffers.Binary;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// A write-ahead log (fileformat2 §4): a 32-byte header, then frames of a 24-byte header and one
/// page. A frame is valid while its salts equal the header's and the running checksum matches;
/// the log's content is the valid frames up to the last commit frame (non-zero database size),
/// and for each page the newest such frame wins. Torn or stale frames after it are ignored, as
/// SQLite ignores them on recovery.
/// </summary>
internal sealed class SqliteWal
{
    private readonly Dictionary<uint, ReadOnlyMemory<byte>> _pages;

    private SqliteWal(Dictionary<uint, ReadOnlyMemory<byte>> pages, uint? databasePages)
    {
        _pages = pages;
        DatabasePages = databasePages;
    }

    /// <summary>The database size in pages after the last committed transaction, or null when nothing was committed.</summary>
    public uint? DatabasePages { get; }

    public bool TryGetPage(uint number, out ReadOnlyMemory<byte> page) => _pages.TryGetValue(number, out page);

    public static SqliteWal Read(ReadOnlyMemory<byte> log, int databasePageSize)
    {
        var span = log.Span;
        if (span.Length < SqliteLayout.WalHeaderSize)
        {
            throw SqliteDatabase.Bad("sqlite.wal", 0, $"write-ahead log of {span.Length} bytes is shorter than its header");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (magic is not (SqliteLayout.WalMagicBigEndian or SqliteLayout.WalMagicLittleEndian))
        {
            throw SqliteDatabase.Bad("sqlite.wal", 0, $"bad write-ahead log magic 0x{magic:x8}");
        }

        var bigEndian = magic == SqliteLayout.WalMagicBigEndian;
        var pageSize = BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        if (pageSize != databasePageSize)
        {
            throw SqliteDatabase.Bad("sqlite.wal", 8, $"write-ahead log page size {pageSize} differs from the database's {databasePageSize}");
        }

        var salt1 = BinaryPrimitives.ReadUInt32BigEndian(span[16..]);
        var salt2 = BinaryPrimitives.ReadUInt32BigEndian(span[20..]);
        var (s0, s1) = Checksum(span[..24], bigEndian, 0, 0);
        if (s0 != BinaryPrimitives.ReadUInt32BigEndian(span[24..]) || s1 != BinaryPrimitives.ReadUInt32BigEndian(span[28..]))
        {
            throw SqliteDatabase.Bad("sqlite.wal", 24, "write-ahead log header checksum does not match");
        }

        var pending = new List<(uint Page, ReadOnlyMemory<byte> Data)>();
        var committed = new Dictionary<uint, ReadOnlyMemory<byte>>();
        uint? databasePages = null;
        var frameSize = SqliteLayout.WalFrameHeaderSize + databasePageSize;

        // Each pass consumes one whole frame, so the loop ends within log length / frame size steps.
        for (long at = SqliteLayout.WalHeaderSize; at + frameSize <= span.Length; at += frameSize)
        {
            var frame = span.Slice((int)at, frameSize);
            var page = BinaryPrimitives.ReadUInt32BigEndian(frame);
            var commitSize = BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
            if (page == 0 || BinaryPrimitives.ReadUInt32BigEndian(frame[8..]) != salt1 || BinaryPrimitives.ReadUInt32BigEndian(frame[12..]) != salt2)
            {
                break;
            }

            (s0, s1) = Checksum(frame[..8], bigEndian, s0, s1);
            (s0, s1) = Checksum(frame[SqliteLayout.WalFrameHeaderSize..], bigEndian, s0, s1);
            if (s0 != BinaryPrimitives.ReadUInt32BigEndian(frame[16..]) || s1 != BinaryPrimitives.ReadUInt32BigEndian(frame[20..]))
            {
                break;
            }

            pending.Add((page, log.Slice((int)at + SqliteLayout.WalFrameHeaderSize, databasePageSize)));
            if (commitSize != 0)
            {
                foreach (var (number, data) in pending)
                {
                    committed[number] = data;
                }

                pending.Clear();
                databasePages = commitSize;
            }
        }

        return new SqliteWal(committed, databasePages);
    }

    /// <summary>§4.2: the Fletcher-like checksum over 32-bit word pairs, in the byte order the magic names.</summary>
    private static (uint S0, uint S1) Checksum(ReadOnlySpan<byte> data, bool bigEndian, uint s0, uint s1)
    {
        for (var i = 0; i + 8 <= data.Length; i += 8)
        {
            var x0 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[i..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            var x1 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            unchecked
            {
                s0 += x0 + s1;
                s1 += x1 + s0;
            }
        }

        return (s0, s1);
    }
}
