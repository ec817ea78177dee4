using System.Text.Json;

namespace Snapsight.Advisories.Store;

/// <summary>
/// A list of values as one JSON array text, so a single statement can look up thousands of keys
/// through SQLite's <c>json_each</c> instead of one round trip per key.
/// </summary>
internal static class JsonList
{
    public static string Of(IEnumerable<string> values) => Write(w =>
    {
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
    });

    public static string Of(IEnumerable<long> values) => Write(w =>
    {
        foreach (var value in values)
        {
            w.WriteNumberValue(value);
        }
    });

    private static string Write(Action<Utf8JsonWriter> items)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            items(w);
            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
