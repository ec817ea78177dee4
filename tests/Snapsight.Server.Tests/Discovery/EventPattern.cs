using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>
/// EventBridge's matching of an event against a rule's event pattern, for the part of the pattern
/// language our templates use: every field the pattern names must be in the event; a leaf is an
/// array of exact values, one of which the event's value (or, for an array, one of its values)
/// must equal; an object recurses. Any other operator (prefix, numeric, exists…) is refused, so
/// a template that starts using one fails its test instead of matching by accident.
/// </summary>
public static class EventPattern
{
    public static bool Matches(JsonObject pattern, JsonObject evt)
    {
        foreach (var (field, expected) in pattern)
        {
            var actual = evt[field];
            var matched = expected switch
            {
                JsonObject nested => actual is JsonObject inner && Matches(nested, inner),
                JsonArray values => actual is not null && Values(actual).Any(v => values.Any(e => ExactValue(e, field) == v)),
                _ => throw new NotSupportedException($"pattern field {field} is neither an object nor an array of values"),
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> Values(JsonNode node) =>
        node is JsonArray array ? array.Where(v => v is JsonValue).Select(v => v!.ToJsonString()) : node is JsonValue ? [node.ToJsonString()] : [];

    private static string ExactValue(JsonNode? value, string field) => value is JsonValue { } leaf && leaf.GetValueKind() is not JsonValueKind.Object
        ? leaf.ToJsonString()
        : throw new NotSupportedException($"pattern field {field} uses an operator this matcher does not know: {value?.ToJsonString()}");
}
