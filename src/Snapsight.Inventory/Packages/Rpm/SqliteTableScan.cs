using System.Buffers.Binary;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// Walks one table b-tree in rowid order (fileformat2 §1.6), without recursion: an explicit
/// stack capped at SQLite's own depth limit, and a set of visited pages so that a child pointing
/// back at an ancestor, or two parents sharing a child, is an error rather than a loop. The same
/// set covers overflow pages, so no page's bytes are handed out twice; with the cap on each
/// page's local payloads (cells of a valid page do not overlap) the bytes a scan yields stay
/// within the size of the file, whatever the pointers say.
/// </summary>
internal sealed class SqliteTableScan(SqliteDatabase database, uint root)
{
    private readonly HashSet<uint> _visited = [];
    private long _pageLocalBytes;

    public IEnumerable<SqliteRow> Rows()
    {
        var stack = new Stack<(uint Page, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (number, depth) = stack.Pop();
            if (depth > SqliteLayout.MaxDepth)
            {
                throw SqliteDatabase.Bad("sqlite.btree", database.OffsetOf(number), $"b-tree deeper than {SqliteLayout.MaxDepth} levels");
            }

            if (!_visited.Add(number))
            {
                throw SqliteDatabase.Bad("sqlite.btree", database.OffsetOf(number), $"page {number} is reached twice in the b-tree");
            }

            var page = database.Page(number, database.OffsetOf(number));
            var headerStart = number == 1 ? SqliteLayout.HeaderSize : 0;
            var type = page.Span[headerStart + SqliteLayout.PageType];
            var cells = CellPointers(page.Span, number, headerStart, type);
            if (type == SqliteLayout.InteriorTable)
            {
                // Children go on the stack right-most first, so the left-most comes off first.
                var rightMost = BinaryPrimitives.ReadUInt32BigEndian(page.Span[(headerStart + SqliteLayout.RightMostPointer)..]);
                stack.Push((rightMost, depth + 1));
                for (var i = cells.Length - 1; i >= 0; i--)
                {
                    stack.Push((ReadChild(page.Span, cells[i], number), depth + 1));
                }

                continue;
            }

            _pageLocalBytes = 0;
            foreach (var cell in cells)
            {
                // A bad cell costs its own row; the page's other cells are still sound.
                SqliteRow row;
                try
                {
                    row = ReadLeafCell(page, cell, number);
                }
                catch (PackageDatabaseException error)
                {
                    row = new SqliteRow(0, default, database.OffsetOf(number) + cell, error);
                }

                yield return row;
            }
        }
    }

    private int[] CellPointers(ReadOnlySpan<byte> page, uint number, int headerStart, byte type)
    {
        var headerSize = type switch
        {
            SqliteLayout.InteriorTable => SqliteLayout.InteriorHeaderSize,
            SqliteLayout.LeafTable => SqliteLayout.LeafHeaderSize,
            _ => throw SqliteDatabase.Bad("sqlite.btree", database.OffsetOf(number), $"page {number} has type {type}, not a table b-tree page"),
        };
        int count = BinaryPrimitives.ReadUInt16BigEndian(page[(headerStart + SqliteLayout.CellCount)..]);
        var arrayStart = headerStart + headerSize;
        if (arrayStart + 2L * count > database.UsableSize)
        {
            throw SqliteDatabase.Bad("sqlite.btree", database.OffsetOf(number), $"page {number} claims {count} cells, more than fit");
        }

        var pointers = new int[count];
        for (var i = 0; i < count; i++)
        {
            int pointer = BinaryPrimitives.ReadUInt16BigEndian(page[(arrayStart + 2 * i)..]);
            if (pointer < arrayStart + 2 * count || pointer >= database.UsableSize)
            {
                throw SqliteDatabase.Bad("sqlite.btree", database.OffsetOf(number) + arrayStart + 2 * i, $"cell pointer {pointer} is outside the cell content area");
            }

            pointers[i] = pointer;
        }

        return pointers;
    }

    private uint ReadChild(ReadOnlySpan<byte> page, int cell, uint number)
    {
        if (cell + 4 > database.UsableSize)
        {
            throw SqliteDatabase.Bad("sqlite.btree", database.OffsetOf(number) + cell, "interior cell runs past the page");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(page[cell..]);
    }

    /// <summary>A table leaf cell: payload size, rowid, local payload and, if it spills, the first overflow page (§1.6).</summary>
    private SqliteRow ReadLeafCell(ReadOnlyMemory<byte> pageMemory, int cell, uint number)
    {
        var page = pageMemory.Span[..database.UsableSize];
        var cellOffset = database.OffsetOf(number) + cell;
        var position = cell;
        var payloadSize = SqliteRecord.ReadVarint(page, ref position, database.OffsetOf(number));
        var rowId = SqliteRecord.ReadVarint(page, ref position, database.OffsetOf(number));

        // Sizes come from a 64-bit varint; what follows checks them against the pages that could hold them.
        if (payloadSize < 0 || payloadSize > Array.MaxLength)
        {
            throw SqliteDatabase.Bad("sqlite.cell", cellOffset, $"payload size {payloadSize} is out of range");
        }

        var local = LocalSize(payloadSize);
        _pageLocalBytes += local;
        if (_pageLocalBytes > page.Length)
        {
            throw SqliteDatabase.Bad("sqlite.cell", cellOffset, $"the cells of page {number} hold more payload than the page ({_pageLocalBytes} bytes): they overlap");
        }

        // Overflow pages must be pages not yet used, so the rest cannot exceed what those hold.
        var unused = (long)(database.PageCount - (uint)Math.Min(_visited.Count, database.PageCount)) * (database.UsableSize - 4);
        if (payloadSize - local > unused)
        {
            throw SqliteDatabase.Bad("sqlite.cell", cellOffset, $"payload size {payloadSize} is larger than the unused pages of the database can hold ({unused} bytes)");
        }

        if (position + local > page.Length || (local < payloadSize && position + local + 4 > page.Length))
        {
            throw SqliteDatabase.Bad("sqlite.cell", cellOffset, $"local payload of {local} bytes runs past the page");
        }

        if (local == payloadSize)
        {
            return new SqliteRow(rowId, pageMemory.Slice(position, local), cellOffset, null);
        }

        var payload = new byte[payloadSize];
        page.Slice(position, local).CopyTo(payload);
        var next = BinaryPrimitives.ReadUInt32BigEndian(page[(position + local)..]);
        new SqliteOverflowChain(database, _visited).CopyTo(next, payload.AsSpan(local), cellOffset);
        return new SqliteRow(rowId, payload, cellOffset, null);
    }

    /// <summary>§1.6: how much of a table leaf payload stays on the page, from the usable size U.</summary>
    private int LocalSize(long payloadSize)
    {
        var u = database.UsableSize;
        var maxLocal = u - 35;
        if (payloadSize <= maxLocal)
        {
            return (int)payloadSize;
        }

        var minLocal = ((u - 12) * 32 / 255) - 23;
        var k = minLocal + ((payloadSize - minLocal) % (u - 4));
        return k <= maxLocal ? (int)k : minLocal;
    }
}
