using System.Text.Json;

namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>
/// Reads secdb JSON ({distroversion, reponame, packages: [{pkg: {name, secfixes: {version: [ids]}}}]})
/// with <see cref="JsonDocument"/> over a size-capped file. A package of the wrong shape is left
/// out as damage; a file that is not a JSON object with a distroversion is refused.
/// </summary>
public static class AlpineSecdbJsonReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = AlpineSecdbLimits.MaxDepth };

    public static AlpineSecdbFile Read(ReadOnlyMemory<byte> json, string origin)
    {
        var builder = new AlpineSecdbBuilder(AlpineSecdbFeedFormat.FormatName);
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FeedFormatException(AlpineSecdbFeedFormat.FormatName, origin, "the top level is not a JSON object");
            }

            builder.DistroVersion = Text(root, "distroversion");
            builder.RepoName = Text(root, "reponame");
            if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var package in packages.EnumerateArray())
                {
                    ReadPackage(package, $"{origin}: packages[{index++}]", builder);
                }
            }
        }
        catch (JsonException e)
        {
            throw new FeedFormatException(AlpineSecdbFeedFormat.FormatName, origin, $"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses an escaped lone surrogate, which the parser itself let through.
            throw new FeedFormatException(AlpineSecdbFeedFormat.FormatName, origin, $"a string is not valid UTF-16: {e.Message}");
        }

        return builder.Build(origin);
    }

    private static void ReadPackage(JsonElement package, string where, AlpineSecdbBuilder builder)
    {
        if (package.ValueKind != JsonValueKind.Object || !package.TryGetProperty("pkg", out var pkg) || pkg.ValueKind != JsonValueKind.Object)
        {
            builder.Skip(where, "not an object with a pkg object");
            return;
        }

        if (Text(pkg, "name") is not { Length: > 0 } name)
        {
            builder.Skip(where, "no package name");
            return;
        }

        if (!pkg.TryGetProperty("secfixes", out var secfixes) || secfixes.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (secfixes.ValueKind != JsonValueKind.Object)
        {
            builder.Skip($"{where} ({name}).secfixes", "not an object");
            return;
        }

        foreach (var version in secfixes.EnumerateObject())
        {
            if (IsEmpty(version.Value))
            {
                continue;
            }

            if (version.Value.ValueKind != JsonValueKind.Array)
            {
                builder.Skip($"{where} ({name}).secfixes.{version.Name}", "not a list");
                continue;
            }

            foreach (var item in version.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    builder.Fix(name, version.Name, item.GetString()!);
                }
                else
                {
                    builder.Skip($"{where} ({name}).secfixes.{version.Name}", $"an entry that is a JSON {item.ValueKind.ToString().ToLowerInvariant()}");
                }
            }
        }
    }

    /// <summary>A version with no ids, as the YAML's empty key became in converted files: null, "" or {}.</summary>
    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
