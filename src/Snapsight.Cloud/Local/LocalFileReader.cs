using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Snapsight.Cloud.Local;

/// <summary>
/// The one way the local provider's files are read: the serializer refuses malformed JSON, unknown
/// members, missing required members and nulls where the type has none (<see cref="LocalJson"/>);
/// <see cref="ILocalFile.Check"/> refuses what it cannot see, nulls inside lists and maps. Any bytes
/// give a usable file or a <see cref="JsonException"/>.
/// </summary>
internal static class LocalFileReader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type) where T : class, ILocalFile
    {
        // Hand-written files may come from an editor that starts them with a byte-order mark.
        json = json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json;
        T? file;
        try
        {
            file = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException bad) when (bad.Path is { } path && !bad.Message.Contains("Path:", StringComparison.Ordinal))
        {
            // A converter's own message says what is wrong but not where.
            throw new JsonException($"{path}: {bad.Message}", bad);
        }

        (file ?? throw new JsonException("the file holds null")).Check();
        return file;
    }

    public static void NoNullElements<T>(IEnumerable<T?> items, string member) where T : class
    {
        var index = 0;
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new JsonException($"{member}[{index}] is null");
            }

            index++;
        }
    }

    public static void NoNullValues(Dictionary<string, string> map, string member)
    {
        foreach (var (key, value) in map)
        {
            if (value is null)
            {
                throw new JsonException($"{member}[\"{key}\"] is null");
            }
        }
    }

}
