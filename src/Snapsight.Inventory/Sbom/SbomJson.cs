using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Snapsight.Inventory.Sbom;

/// <summary>What the two SBOM writers share: the JSON writer's settings and the timestamp form.</summary>
internal static class SbomJson
{
    /// <summary>
    /// Indented, and with '+' and non-ASCII letters left readable; control characters and quotes
    /// are still escaped, so names from a hostile disk cannot break the document.
    /// </summary>
    public static Utf8JsonWriter Writer(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>UTC to the second, "2026-11-27T17:31:53Z": the form SPDX requires and CycloneDX's date-time accepts.</summary>
    public static string Timestamp(DateTimeOffset when) =>
        when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void End(Utf8JsonWriter writer, Stream output)
    {
        writer.Flush();
        output.WriteByte((byte)'\n');
    }
}
