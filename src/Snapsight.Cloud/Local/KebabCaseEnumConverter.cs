using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Local;

/// <summary>
/// Enums in the local provider's files as EC2 writes them: <c>running</c>, <c>shutting-down</c>. Only
/// a member's exact name is read: not a number, another case, or a comma-separated list of names,
/// which the framework's string-enum converter would combine into whatever member the bits make
/// (<c>"running, stopped"</c> read as stopped).
/// </summary>
internal sealed class KebabCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(NameOf, StringComparer.Ordinal);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
            ? value
            : throw new JsonException($"not one of {string.Join(", ", ByName.Keys)}");

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

    private static string NameOf(TEnum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
