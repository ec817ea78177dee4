using System.Buffers.Binary;
using System.Text;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// A read-only view of an SQLite database file (fileformat2): the header, table b-trees and
/// overflow chains, with an optional write-ahead log whose committed pages replace the file's.
/// Every page number is checked against the page count, every walk keeps a visited set and a
/// depth cap, and payloads are never larger than the pages that can hold them.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly ReadOnlyMemory<byte> _file;
    private readonly SqliteWal? _wal;

    private SqliteDatabase(ReadOnlyMemory<byte> file, int pageSize, int usableSize, uint pageCount, Encoding encoding, SqliteWal? wal)
    {
        _file = file;
        PageSize = pageSize;
        UsableSize = usableSize;
        PageCount = pageCount;
        TextEncoding = encoding;
        _wal = wal;
    }

    public int PageSize { get; }

    public int UsableSize { get; }

    public uint PageCount { get; }

    public Encoding TextEncoding { get; }

    public static bool IsSqlite(ReadOnlySpan<byte> file) => file.StartsWith(SqliteLayout.Magic);

    public static SqliteDatabase Open(ReadOnlyMemory<byte> file, ReadOnlyMemory<byte>? writeAheadLog)
    {
        var span = file.Span;
        if (span.Length < SqliteLayout.HeaderSize || !IsSqlite(span))
        {
            throw Bad("sqlite.header", 0, $"not an SQLite database ({span.Length} bytes, no magic)");
        }

        // §1.3.2: a power of two from 512 to 32768, or 1 meaning 65536.
        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(span[SqliteLayout.PageSize..]);
        pageSize = pageSize == 1 ? 65536 : pageSize;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        {
            throw Bad("sqlite.header", SqliteLayout.PageSize, $"page size {pageSize} is not a power of two from 512 to 65536");
        }

        var usable = pageSize - span[SqliteLayout.ReservedBytes];
        if (usable < SqliteLayout.MinUsableSize)
        {
            throw Bad("sqlite.header", SqliteLayout.ReservedBytes, $"usable page size {usable} is below {SqliteLayout.MinUsableSize}");
        }

        var encoding = BinaryPrimitives.ReadUInt32BigEndian(span[SqliteLayout.TextEncoding..]) switch
        {
            0 or 1 => Encoding.UTF8,
            2 => Encoding.Unicode,
            3 => Encoding.BigEndianUnicode,
            var other => throw Bad("sqlite.header", SqliteLayout.TextEncoding, $"unknown text encoding {other}"),
        };

        var pageCount = (uint)Math.Min(uint.MaxValue, span.Length / pageSize);
        SqliteWal? wal = null;
        if (writeAheadLog is { Length: > 0 } log)
        {
            wal = SqliteWal.Read(log, pageSize);
            if (wal.DatabasePages is { } committed)
            {
                pageCount = committed;
            }
        }

        return new SqliteDatabase(file, pageSize, usable, pageCount, encoding, wal);
    }

    /// <summary>True when a write-ahead log was given and held at least one committed transaction.</summary>
    public bool WalApplied => _wal?.DatabasePages is not null;

    /// <summary>The bytes of page <paramref name="number"/> (1-based), newest committed version first.</summary>
    public ReadOnlyMemory<byte> Page(uint number, long referencedAt)
    {
        if (number < 1 || number > PageCount)
        {
            throw Bad("sqlite.page", referencedAt, $"page number {number} is outside 1..{PageCount}");
        }

        if (_wal is not null && _wal.TryGetPage(number, out var fromLog))
        {
            return fromLog;
        }

        var start = (long)(number - 1) * PageSize;
        if (start + PageSize > _file.Length)
        {
            throw Bad("sqlite.page", referencedAt, $"page {number} lies past the end of the {_file.Length}-byte file");
        }

        return _file.Slice((int)start, PageSize);
    }

    /// <summary>The root page of table <paramref name="name"/> from the sqlite_schema table (rooted at page 1).</summary>
    public uint FindTableRoot(string name)
    {
        foreach (var row in ScanTable(1))
        {
            if (row.Error is not null)
            {
                throw row.Error;
            }

            var columns = SqliteRecord.Decode(row.Payload, row.Offset);
            if (columns.Count >= 4 && columns[0].Kind == SqliteValueKind.Text && columns[1].Kind == SqliteValueKind.Text
                && SqliteRecord.Text(columns[0], TextEncoding) == "table"
                && string.Equals(SqliteRecord.Text(columns[1], TextEncoding), name, StringComparison.OrdinalIgnoreCase))
            {
                if (columns[3].Kind != SqliteValueKind.Integer || columns[3].Integer < 1 || columns[3].Integer > PageCount)
                {
                    throw Bad("sqlite.schema", row.Offset, $"table {name} has root page {columns[3].Integer}, outside 1..{PageCount}");
                }

                return (uint)columns[3].Integer;
            }
        }

        throw Bad("sqlite.schema", 0, $"no table named {name}");
    }

    public IEnumerable<SqliteRow> ScanTable(uint root) => new SqliteTableScan(this, root).Rows();

    internal static PackageDatabaseException Bad(string structure, long offset, string problem) => new("rpm", structure, offset, problem);

    /// <summary>Where page <paramref name="number"/> starts in the main file, for error offsets.</summary>
    internal long OffsetOf(uint number) => (long)(number - 1) * PageSize;
}
