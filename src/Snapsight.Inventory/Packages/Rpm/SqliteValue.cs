namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>One column of a record: an integer, or the bytes of a TEXT or BLOB, or NULL.</summary>
internal readonly record struct SqliteValue(SqliteValueKind Kind, long Integer, ReadOnlyMemory<byte> Bytes);

internal enum SqliteValueKind { Null, Integer, Real, Text, Blob }
