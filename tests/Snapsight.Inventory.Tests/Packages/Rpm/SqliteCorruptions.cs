using System.Buffers.Binary;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// Finds the structures of a real SQLite rpmdb that the hostile tests break: the Packages root
/// page, the left-most leaf under it, and that leaf's first cell with its overflow pointer.
/// </summary>
internal sealed class SqliteCorruptions
{
    public SqliteCorruptions(byte[] file)
    {
        File = file;
        PageSize = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16));
        Root = SqliteDatabase.Open(file, null).FindTableRoot("Packages");
        var page = Root;
        while (file[PageStart(page)] == SqliteLayout.InteriorTable)
        {
            page = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(CellAt(page, 0)));
        }

        Leaf = page;
        var cell = CellAt(Leaf, 0);
        FirstCell = cell;
        var position = cell - PageStart(Leaf);
        var leaf = file.AsSpan(PageStart(Leaf), PageSize);
        var payload = SqliteRecord.ReadVarint(leaf, ref position, 0);
        SqliteRecord.ReadVarint(leaf, ref position, 0);
        PayloadStart = PageStart(Leaf) + position;
        var u = PageSize - file[20];
        var minLocal = ((u - 12) * 32 / 255) - 23;
        var k = minLocal + ((payload - minLocal) % (u - 4));
        var local = payload <= u - 35 ? payload : k <= u - 35 ? k : minLocal;
        OverflowPointer = local < payload ? PageStart(Leaf) + position + (int)local : -1;
    }

    public byte[] File { get; }

    public int PageSize { get; }

    public uint Root { get; }

    public uint Leaf { get; }

    /// <summary>File offset of the leaf's first cell.</summary>
    public int FirstCell { get; }

    /// <summary>File offset of the first cell's payload (the record header, then hnum and the blob).</summary>
    public int PayloadStart { get; }

    /// <summary>File offset of the first cell's overflow page number, or -1 when it does not spill.</summary>
    public int OverflowPointer { get; }

    public int PageStart(uint page) => (int)(page - 1) * PageSize;

    /// <summary>File offset of cell <paramref name="index"/> on a b-tree page (page 1 has the 100-byte header first).</summary>
    public int CellAt(uint page, int index)
    {
        var header = PageStart(page) + (page == 1 ? 100 : 0);
        var headerSize = File[header] == SqliteLayout.InteriorTable ? 12 : 8;
        return PageStart(page) + BinaryPrimitives.ReadUInt16BigEndian(File.AsSpan(header + headerSize + (2 * index)));
    }
}
