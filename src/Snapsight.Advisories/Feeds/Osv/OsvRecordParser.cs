using System.Text.Json;

namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>
/// Reads one OSV record with <see cref="JsonDocument"/> (no reflection, so AOT-safe). The size cap
/// bounds the document; each list's length is checked against <see cref="OsvLimits.MaxListCount"/>
/// before its model list is built. Unknown fields are ignored; a missing id, a field of the wrong
/// JSON type or an event without exactly one known key is an <see cref="OsvFormatException"/>.
/// </summary>
public static class OsvRecordParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = OsvLimits.MaxDepth };

    public static OsvRecord Parse(ReadOnlyMemory<byte> json)
    {
        if (json.Length > OsvLimits.MaxRecordBytes)
        {
            throw new OsvFormatException("record", $"{json.Length} bytes, over the {OsvLimits.MaxRecordBytes}-byte cap");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new OsvFormatException("record", $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return ReadRecord(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // GetString refuses an escaped lone surrogate, which the parser itself let through.
                throw new OsvFormatException("record", $"a string is not valid UTF-16: {e.Message}");
            }
        }
    }

    private static OsvRecord ReadRecord(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "record");
        var id = String(root, "id", "id") ?? throw new OsvFormatException("id", "missing");
        return new OsvRecord(
            id,
            String(root, "modified", "modified"),
            String(root, "published", "published"),
            String(root, "withdrawn", "withdrawn"),
            List(root, "aliases", "aliases", ReadString),
            List(root, "related", "related", ReadString),
            String(root, "summary", "summary"),
            String(root, "details", "details"),
            List(root, "severity", "severity", ReadSeverity),
            List(root, "affected", "affected", ReadAffected));
    }

    private static OsvSeverity ReadSeverity(JsonElement element, string field)
    {
        Expect(element, JsonValueKind.Object, field);
        return new OsvSeverity(
            String(element, "type", field + ".type") ?? throw new OsvFormatException(field + ".type", "missing"),
            String(element, "score", field + ".score") ?? throw new OsvFormatException(field + ".score", "missing"));
    }

    private static OsvAffected ReadAffected(JsonElement element, string field)
    {
        Expect(element, JsonValueKind.Object, field);
        OsvPackage? package = null;
        if (element.TryGetProperty("package", out var packageElement) && packageElement.ValueKind != JsonValueKind.Null)
        {
            var where = field + ".package";
            Expect(packageElement, JsonValueKind.Object, where);
            package = new OsvPackage(
                String(packageElement, "ecosystem", where + ".ecosystem"),
                String(packageElement, "name", where + ".name"),
                String(packageElement, "purl", where + ".purl"));
        }

        return new OsvAffected(package, List(element, "ranges", field + ".ranges", ReadRange), List(element, "versions", field + ".versions", ReadString));
    }

    private static OsvRange ReadRange(JsonElement element, string field)
    {
        Expect(element, JsonValueKind.Object, field);
        return new OsvRange(
            String(element, "type", field + ".type") ?? throw new OsvFormatException(field + ".type", "missing"),
            List(element, "events", field + ".events", ReadEvent));
    }

    private static OsvEvent ReadEvent(JsonElement element, string field)
    {
        Expect(element, JsonValueKind.Object, field);
        OsvEvent? found = null;
        foreach (var property in element.EnumerateObject())
        {
            OsvEventKind? kind = property.Name switch
            {
                "introduced" => OsvEventKind.Introduced,
                "fixed" => OsvEventKind.Fixed,
                "last_affected" => OsvEventKind.LastAffected,
                "limit" => OsvEventKind.Limit,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            if (found is not null)
            {
                throw new OsvFormatException(field, "more than one event key");
            }

            found = new OsvEvent(kind.Value, ReadString(property.Value, field + "." + property.Name));
        }

        return found ?? throw new OsvFormatException(field, "no introduced, fixed, last_affected or limit key");
    }

    /// <summary>An optional list: absent or null is empty; its length is checked before the list is built.</summary>
    private static T[] List<T>(JsonElement parent, string name, string field, Func<JsonElement, string, T> read)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        Expect(array, JsonValueKind.Array, field);
        var count = array.GetArrayLength();
        if (count > OsvLimits.MaxListCount)
        {
            throw new OsvFormatException(field, $"{count} elements, over the {OsvLimits.MaxListCount} cap");
        }

        var items = new T[count];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            items[index] = read(item, $"{field}[{index}]");
            index++;
        }

        return items;
    }

    /// <summary>An optional string field: absent or null is null, any other non-string is an error.</summary>
    private static string? String(JsonElement parent, string name, string field) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? ReadString(value, field) : null;

    private static string ReadString(JsonElement element, string field)
    {
        Expect(element, JsonValueKind.String, field);
        return element.GetString()!;
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string field)
    {
        if (element.ValueKind != kind)
        {
            throw new OsvFormatException(field, $"expected a JSON {kind.ToString().ToLowerInvariant()}, found {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }
}
