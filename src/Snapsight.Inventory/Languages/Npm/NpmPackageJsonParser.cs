using System.Text.Json;
using Snapsight.Disk;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Npm;

/// <summary>
/// Reads an installed package's package.json: strict JSON as Node's JSON.parse takes it (a
/// UTF-8 byte order mark allowed, as npm strips one), nesting bounded before it can exhaust
/// the stack, and only the top-level name, version and licence fields looked at.
/// </summary>
internal static class NpmPackageJsonParser
{
    /// <summary>Real package.json files are a few KiB; old npm versions copied the README in, still well under this.</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    /// <summary>Real manifests nest a handful of levels (exports maps are the deepest).</summary>
    public const int MaxDepth = 64;

    /// <summary>Licences read from a "licenses" array at most.</summary>
    private const int MaxLicences = 16;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// The package <paramref name="json"/> describes, or null when it has no string name and
    /// version (npm reads such files as folder settings, such as {"type":"module"}, not as
    /// packages). Text that is not JSON is a <see cref="DiskFormatException"/>.
    /// </summary>
    public static NpmPackageJson? Parse(ReadOnlyMemory<byte> json)
    {
        json = ByteOrderMark.Skip(json);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new DiskFormatException("npm", "package.json", e.BytePositionInLine ?? 0, $"not JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "name") is not { } name || Text(root, "version") is not { } version)
            {
                return null;
            }

            return new NpmPackageJson(name, version, Licence(root));
        }
    }

    /// <summary>
    /// "license" as a string (an SPDX expression) or, before npm 2, as {"type": ...}; older
    /// still, a "licenses" array of those, which listed alternatives, so they are joined by OR.
    /// </summary>
    private static string? Licence(JsonElement root)
    {
        if (root.TryGetProperty("license", out var license) && LicenceName(license) is { } single)
        {
            return single;
        }

        if (!root.TryGetProperty("licenses", out var licenses))
        {
            return null;
        }

        if (licenses.ValueKind != JsonValueKind.Array)
        {
            return LicenceName(licenses);
        }

        var names = licenses.EnumerateArray().Take(MaxLicences).Select(LicenceName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : string.Join(" OR ", names);
    }

    private static string? LicenceName(JsonElement licence) => licence.ValueKind switch
    {
        JsonValueKind.String => StringOf(licence),
        JsonValueKind.Object => Text(licence, "type"),
        _ => null,
    };

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? StringOf(value) : null;

    /// <summary>The trimmed string, or null when blank.</summary>
    private static string? StringOf(JsonElement value)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // JSON lets "\ud800" escape half a character; .NET will not make a string of it.
            throw new DiskFormatException("npm", "package.json", 0, $"a string is not valid Unicode: {e.Message}");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
