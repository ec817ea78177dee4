using System.Text;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>Varints (fileformat2 §1.6) and the record format (§2.1): a header of serial types, then the values.</summary>
internal static class SqliteRecord
{
    /// <summary>Most columns we decode; the rpmdb and schema tables have 2 and 5.</summary>
    private const int MaxColumns = 64;

    /// <summary>A 1–9 byte big-endian varint; the ninth byte contributes all 8 bits.</summary>
    public static long ReadVarint(ReadOnlySpan<byte> bytes, ref int position, long offsetForErrors)
    {
        ulong value = 0;
        for (var i = 0; i < 9; i++)
        {
            if (position >= bytes.Length)
            {
                throw SqliteDatabase.Bad("sqlite.varint", offsetForErrors + position, "a varint runs past the end of its page");
            }

            var b = bytes[position++];
            if (i == 8)
            {
                return (long)((value << 8) | b);
            }

            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return (long)value;
    }

    public static List<SqliteValue> Decode(ReadOnlyMemory<byte> payload, long offsetForErrors)
    {
        var span = payload.Span;
        var position = 0;
        var headerSize = ReadVarint(span, ref position, offsetForErrors);
        if (headerSize < position || headerSize > span.Length)
        {
            throw SqliteDatabase.Bad("sqlite.record", offsetForErrors, $"record header size {headerSize} is outside the payload of {span.Length} bytes");
        }

        var header = span[..(int)headerSize];
        var body = (int)headerSize;
        var values = new List<SqliteValue>();
        while (position < header.Length)
        {
            if (values.Count == MaxColumns)
            {
                throw SqliteDatabase.Bad("sqlite.record", offsetForErrors, $"record has more than {MaxColumns} columns");
            }

            var serial = ReadVarint(header, ref position, offsetForErrors);
            var length = serial switch
            {
                0 or 8 or 9 => 0L,
                >= 1 and <= 4 => serial,
                5 => 6,
                6 or 7 => 8,
                >= 12 => (serial - 12) / 2,
                _ => throw SqliteDatabase.Bad("sqlite.record", offsetForErrors, $"reserved serial type {serial}"),
            };
            if (length > span.Length - body)
            {
                throw SqliteDatabase.Bad("sqlite.record", offsetForErrors, $"a column of {length} bytes runs past the payload of {span.Length}");
            }

            var bytes = payload.Slice(body, (int)length);
            values.Add(serial switch
            {
                0 => new SqliteValue(SqliteValueKind.Null, 0, default),
                8 => new SqliteValue(SqliteValueKind.Integer, 0, default),
                9 => new SqliteValue(SqliteValueKind.Integer, 1, default),
                7 => new SqliteValue(SqliteValueKind.Real, 0, bytes),
                >= 1 and <= 6 => new SqliteValue(SqliteValueKind.Integer, ReadSigned(bytes.Span), default),
                _ => new SqliteValue(serial % 2 == 0 ? SqliteValueKind.Blob : SqliteValueKind.Text, 0, bytes),
            });
            body += (int)length;
        }

        return values;
    }

    public static string Text(SqliteValue value, Encoding encoding) => encoding.GetString(value.Bytes.Span);

    /// <summary>A big-endian two's-complement integer of 1–8 bytes.</summary>
    private static long ReadSigned(ReadOnlySpan<byte> bytes)
    {
        long value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
