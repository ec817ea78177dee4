using System.Text.Json;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.DotNet;

/// <summary>
/// Reads the NuGet packages an application was published with from its *.deps.json: the
/// "libraries" object, whose keys are "Name/Version" and whose entries say their "type".
/// Only "package" entries are NuGet packages; "project" entries are the application and the
/// projects it was built from, and "reference" entries plain assemblies, neither of which has
/// a NuGet identity an advisory could name. Everything else in the file is skipped unread.
/// </summary>
public static class DepsJsonParser
{
    /// <summary>Nesting that deps.json never comes near (it is four deep); deeper input is refused by the reader.</summary>
    public const int MaxDepth = 64;

    public static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> depsJson, string location) =>
        Parse(depsJson, location, PackageDatabaseLimits.Default);

    internal static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> depsJson, string location, PackageDatabaseLimits limits)
    {
        var text = ByteOrderMark.Skip(depsJson);
        var problems = new ParseProblems(location, limits.MaxProblems);
        var libraries = new DepsJsonLibraries(location, limits, problems);
        var lines = new LineCounter();
        var reader = new Utf8JsonReader(text, new JsonReaderOptions
        {
            MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(1, "not a JSON object; nothing read");
                return new PackageDatabaseParseResult([], problems.ToList());
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isLibraries = reader.ValueTextEquals("libraries"u8);
                reader.Read();
                if (!isLibraries)
                {
                    reader.Skip();
                }
                else if (reader.TokenType != JsonTokenType.StartObject)
                {
                    problems.Add(lines.LineAt(text, reader.TokenStartIndex), $"\"libraries\" is {reader.TokenType}, not an object; no packages read from it");
                    reader.Skip();
                }
                else if (!libraries.Read(ref reader, text, ref lines))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The reader throws JsonException for malformed JSON, GetString InvalidOperationException for invalid UTF-8.
            problems.Add(lines.LineAt(text, reader.TokenStartIndex), $"malformed JSON ({TreePath.Printable(e.Message, 200)}); the packages after this point are missing");
        }

        return new PackageDatabaseParseResult(libraries.Packages, problems.ToList());
    }
}
