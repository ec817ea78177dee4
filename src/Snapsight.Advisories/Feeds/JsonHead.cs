using System.Text.Json;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Feeds;

/// <summary>
/// What the start of a JSON file shows: the names of the top-level object's properties that
/// begin within the head (a value cut off by the head's end stops the scan). Formats recognise
/// themselves by these names, so recognition never depends on key order within a record.
/// </summary>
public static class JsonHead
{
    /// <summary>The top-level property names seen in <paramref name="head"/>; empty when it does not start a JSON object.</summary>
    public static IReadOnlySet<string> TopLevelNames(ReadOnlySpan<byte> head)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(ByteOrderMark.Skip(head), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return names;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    names.Add(reader.GetString()!);
                }
                else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON, or JSON broken within the head: what was seen so far is the answer.
        }

        return names;
    }
}
