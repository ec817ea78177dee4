using System.Buffers.Binary;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// An overflow chain (fileformat2 §1.6): each page is a 4-byte next-page number then U-4 payload
/// bytes. The chain is exactly as long as the remaining payload needs; a page seen before (in this
/// chain or the b-tree) is a loop, and a chain ending early or running on is an error.
/// </summary>
internal readonly struct SqliteOverflowChain(SqliteDatabase database, HashSet<uint> visited)
{
    public void CopyTo(uint first, Span<byte> destination, long cellOffset)
    {
        var perPage = database.UsableSize - 4;
        var next = first;
        while (destination.Length > 0)
        {
            if (next == 0)
            {
                throw SqliteDatabase.Bad("sqlite.overflow", cellOffset, $"overflow chain ends with {destination.Length} payload bytes missing");
            }

            if (!visited.Add(next))
            {
                throw SqliteDatabase.Bad("sqlite.overflow", cellOffset, $"overflow page {next} is used twice (a loop)");
            }

            var page = database.Page(next, cellOffset).Span;
            var take = Math.Min(perPage, destination.Length);
            page.Slice(4, take).CopyTo(destination);
            destination = destination[take..];
            next = BinaryPrimitives.ReadUInt32BigEndian(page);
        }

        if (next != 0)
        {
            throw SqliteDatabase.Bad("sqlite.overflow", cellOffset, $"overflow chain continues to page {next} after the payload ends");
        }
    }
}
