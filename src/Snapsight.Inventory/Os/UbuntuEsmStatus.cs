using System.Text.Json;

namespace Snapsight.Inventory.Os;

/// <summary>
/// /var/lib/ubuntu-advantage/status.json, written by Ubuntu Pro's client: ESM is on when a
/// service named "esm-infra" or "esm-apps" has status "enabled". Such machines get fixes from
/// Canonical's ESM archive that the public archive lacks, which changes what counts as fixed.
/// Pure; null when the text is not JSON of that shape.
/// </summary>
internal static class UbuntuEsmStatus
{
    public const string Path = "/var/lib/ubuntu-advantage/status.json";

    public static bool? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("services", out var services)
                || services.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return services.EnumerateArray().Any(service =>
                service.ValueKind == JsonValueKind.Object
                && StringProperty(service, "name") is "esm-infra" or "esm-apps"
                && StringProperty(service, "status") == "enabled");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
