using System.Text.Json;
using Snapsight.Advisories.Feeds;

namespace Snapsight.Advisories.Filtering;

/// <summary>
/// Reads an OpenVEX document (v0.2.0, and v0.0.x where vulnerability and products were plain
/// strings): every statement's vulnerability name and aliases, product purls (@id, or the
/// purl in identifiers) and status. Size, statement count and depth are bounded; a document of
/// the wrong shape is refused with what was wrong.
/// </summary>
public static class OpenVexReader
{
    public const int MaxBytes = 64 << 20;
    public const int MaxStatements = 1_000_000;

    public static IReadOnlyList<VexStatement> Parse(ReadOnlyMemory<byte> json, string origin)
    {
        if (json.Length > MaxBytes)
        {
            throw new FeedFormatException("openvex", origin, $"larger than {MaxBytes} bytes");
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("statements", out var statements) || statements.ValueKind != JsonValueKind.Array)
            {
                throw new FeedFormatException("openvex", origin, "no \"statements\" array: not an OpenVEX document");
            }

            if (statements.GetArrayLength() > MaxStatements)
            {
                throw new FeedFormatException("openvex", origin, $"more than {MaxStatements} statements");
            }

            return statements.EnumerateArray().Select((s, i) => Statement(s, $"{origin} statement {i + 1}")).ToList();
        }
        catch (JsonException e)
        {
            throw new FeedFormatException("openvex", origin, $"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new FeedFormatException("openvex", origin, $"a field has the wrong type: {e.Message}");
        }
    }

    private static VexStatement Statement(JsonElement statement, string where)
    {
        if (statement.ValueKind != JsonValueKind.Object || !statement.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
        {
            throw new FeedFormatException("openvex", where, "a statement needs a \"status\" string");
        }

        var names = new List<string>();
        if (statement.TryGetProperty("vulnerability", out var vulnerability))
        {
            if (vulnerability.ValueKind == JsonValueKind.String)
            {
                names.Add(vulnerability.GetString()!);
            }
            else if (vulnerability.ValueKind == JsonValueKind.Object)
            {
                AddString(names, vulnerability, "name");
                AddString(names, vulnerability, "@id");
                if (vulnerability.TryGetProperty("aliases", out var aliases) && aliases.ValueKind == JsonValueKind.Array)
                {
                    names.AddRange(aliases.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
                }
            }
        }

        if (names.Count == 0)
        {
            throw new FeedFormatException("openvex", where, "a statement needs a vulnerability name");
        }

        var products = new List<string>();
        if (statement.TryGetProperty("products", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var product in list.EnumerateArray())
            {
                if (product.ValueKind == JsonValueKind.String)
                {
                    products.Add(product.GetString()!);
                }
                else if (product.ValueKind == JsonValueKind.Object)
                {
                    AddString(products, product, "@id");
                    if (product.TryGetProperty("identifiers", out var identifiers) && identifiers.ValueKind == JsonValueKind.Object)
                    {
                        AddString(products, identifiers, "purl");
                    }
                }
            }
        }

        var justification = statement.TryGetProperty("justification", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
        return new VexStatement(names, products, status.GetString()!, justification);
    }

    private static void AddString(List<string> into, JsonElement element, string property)
    {
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
        {
            into.Add(value.GetString()!);
        }
    }
}
