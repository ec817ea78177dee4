using System.Text.Json;

namespace Snapsight.Advisories.Update;

/// <summary>
/// The sidecar kept beside each downloaded file (<c>&lt;file&gt;.state</c>): the URL it came from and
/// the validators the server gave, so the next update can ask "changed since?". Written only after
/// the file itself is in place, so a state never vouches for a file that is not there.
/// </summary>
internal static class FeedFileState
{
    private const int MaxStateBytes = 16 * 1024;

    public static string PathFor(string file) => file + ".state";

    /// <summary>The validators recorded for <paramref name="file"/> fetched from <paramref name="url"/>, or null when the file is missing, came from elsewhere, or its state is unreadable.</summary>
    public static FeedValidators? Read(string file, Uri url)
    {
        var statePath = PathFor(file);
        if (!File.Exists(file) || !File.Exists(statePath) || new FileInfo(statePath).Length > MaxStateBytes)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(statePath));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "url") != url.AbsoluteUri)
            {
                return null;
            }

            var lastModified = Text(root, "lastModified");
            var validators = new FeedValidators(
                Text(root, "etag"),
                DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when) ? when : null);
            return validators.IsEmpty ? null : validators;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Write(string file, Uri url, FeedValidators validators)
    {
        StateFiles.WriteJson(PathFor(file), writer =>
        {
            writer.WriteString("url", url.AbsoluteUri);
            if (validators.ETag is { } etag)
            {
                writer.WriteString("etag", etag);
            }

            if (validators.LastModified is { } lastModified)
            {
                writer.WriteString("lastModified", lastModified.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }
        });
    }

    public static void Delete(string file) => File.Delete(PathFor(file));

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
