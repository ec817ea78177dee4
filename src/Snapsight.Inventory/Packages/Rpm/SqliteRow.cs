namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>One table row: its rowid and its whole payload, overflow pages joined; or why the cell could not be read.</summary>
internal readonly record struct SqliteRow(long RowId, ReadOnlyMemory<byte> Payload, long Offset, PackageDatabaseException? Error);
