using System.Text.Json;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.DotNet;

/// <summary>The entries of one deps.json "libraries" object, turned into NuGet packages as they are read.</summary>
internal sealed class DepsJsonLibraries(string location, PackageDatabaseLimits limits, ParseProblems problems)
{
    private readonly List<InstalledPackage> packages = [];
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    private int entries;

    public IReadOnlyList<InstalledPackage> Packages => packages;

    /// <summary>
    /// Reads the object the reader is at, up to its end; false when the entry bound stopped it
    /// (the rest of the file is then not read).
    /// </summary>
    public bool Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> text, ref LineCounter lines)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Lines are counted only for a problem: most files have none.
            var start = reader.TokenStartIndex;
            if (++entries > limits.MaxRecords)
            {
                problems.Add(lines.LineAt(text, start), $"more than {limits.MaxRecords} libraries; stopped reading, the packages after this line are missing");
                return false;
            }

            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(lines.LineAt(text, start), $"library '{TreePath.Printable(key, 200)}' is {reader.TokenType}, not an object; skipped");
                reader.Skip();
                continue;
            }

            if (IsPackage(ref reader) && !TryAdd(key, out var problem))
            {
                problems.Add(lines.LineAt(text, start), problem);
            }
        }

        return true;
    }

    /// <summary>Reads one library's object to its end: true when its "type" is "package".</summary>
    private static bool IsPackage(ref Utf8JsonReader reader)
    {
        var isPackage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                isPackage = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("package"u8);
            }

            reader.Skip();
        }

        return isPackage;
    }

    /// <summary>Lists the package the key names, or says in <paramref name="problem"/> why it cannot.</summary>
    private bool TryAdd(string key, out string problem)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0 || ManifestText.HasControlCharacters(key))
        {
            problem = $"library key '{TreePath.Printable(key, 200)}' is not \"Name/Version\"; skipped";
            return false;
        }

        if (!keys.Add(key))
        {
            problem = $"library '{TreePath.Printable(key, 200)}' appears again; listed once";
            return false;
        }

        packages.Add(new InstalledPackage { Type = "nuget", Name = key[..slash], Version = key[(slash + 1)..], Location = location });
        problem = "";
        return true;
    }
}
