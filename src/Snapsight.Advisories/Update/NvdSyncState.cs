using System.Globalization;
using System.Text.Json;

namespace Snapsight.Advisories.Update;

/// <summary>
/// What the last successful NVD download left (<c>nvd/sync.state</c>): when it started, from which
/// API, and the page files that together make the current data, in import order (a full download's
/// pages, then each incremental change set's). Written only after every page arrived.
/// </summary>
internal sealed record NvdSyncState(Uri Api, DateTimeOffset StartedAt, IReadOnlyList<string> Files)
{
    private const string FileName = "sync.state";

    private const int MaxStateBytes = 1 << 20;

    public static NvdSyncState? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path) || new FileInfo(path).Length > MaxStateBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("api", out var api) && Uri.TryCreate(api.GetString(), UriKind.Absolute, out var apiUrl)
                && root.TryGetProperty("startedAt", out var started) && started.TryGetDateTimeOffset(out var startedAt)
                && root.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array)
            {
                var names = files.EnumerateArray().Select(f => f.GetString()).ToList();
                return names.All(n => n is not null && n == Path.GetFileName(n) && File.Exists(Path.Combine(folder, n)))
                    ? new NvdSyncState(apiUrl, startedAt, names!)
                    : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Unreadable state: the next download is a full one.
        }

        return null;
    }

    public static void Delete(string folder) => File.Delete(Path.Combine(folder, FileName));

    public void Write(string folder)
    {
        StateFiles.WriteJson(Path.Combine(folder, FileName), writer =>
        {
            writer.WriteString("api", Api.AbsoluteUri);
            writer.WriteString("startedAt", StartedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray("files");
            foreach (var file in Files)
            {
                writer.WriteStringValue(file);
            }

            writer.WriteEndArray();
        });
    }
}
