using System.Text.Json;

namespace Snapsight.Advisories.Feeds;

/// <summary>
/// Reading one field of a parsed feed element: a missing or null field is null, a field of
/// another JSON type is a <see cref="FeedRecordException"/> naming it, so a record with a wrong
/// type is skipped rather than misread.
/// </summary>
public static class JsonFields
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = JsonArrayStream.MaxDepth };

    /// <summary>One element handed out by <see cref="JsonArrayStream"/> (or a capped file), as a document.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new FeedRecordException($"not valid JSON: {e.Message}");
        }
    }

    public static string? String(JsonElement parent, string name) =>
        Property(parent, name, JsonValueKind.String) is { } value ? Text(value, name) : null;

    /// <summary>A finite number; one too large for a double is as wrong as a string.</summary>
    public static double? Number(JsonElement parent, string name) =>
        Property(parent, name, JsonValueKind.Number) is not { } value ? null
        : value.TryGetDouble(out var number) && double.IsFinite(number) ? number
        : throw new FeedRecordException($"{name}: {value.GetRawText()} is not a finite number");

    /// <summary>The elements of an optional array field; an absent or null field has none.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        Property(parent, name, JsonValueKind.Array) is { } value ? value.EnumerateArray() : [];

    /// <summary>A string element's text; GetString refuses an escaped lone surrogate, which the parser let through.</summary>
    public static string Text(JsonElement element, string what)
    {
        Expect(element, JsonValueKind.String, what);
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new FeedRecordException($"{what}: not valid UTF-16 ({e.Message})");
        }
    }

    public static JsonElement? Object(JsonElement parent, string name) => Property(parent, name, JsonValueKind.Object);

    public static void Expect(JsonElement element, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new FeedRecordException($"{what}: expected a JSON {Name(kind)}, found {Name(element.ValueKind)}");
        }
    }

    private static JsonElement? Property(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(value, kind, name);
        return value;
    }

    private static string Name(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
