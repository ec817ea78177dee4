using System.Text.Json;

namespace Snapsight.Advisories.Update;

/// <summary>Writing the downloader's small JSON state files whole or not at all.</summary>
internal static class StateFiles
{
    public static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using (var stream = File.Create(path + ".partial"))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        File.Move(path + ".partial", path, overwrite: true);
    }
}
