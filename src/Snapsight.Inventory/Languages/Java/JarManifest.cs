using System.Text;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// The main section of META-INF/MANIFEST.MF (JAR File Specification, "Manifest Specification"):
/// "Name: value" lines up to the first blank line, a line starting with one space continuing
/// the one before (writers wrap at 72 bytes). Later sections describe single entries and are
/// not read.
/// </summary>
internal static class JarManifest
{
    public static IReadOnlyDictionary<string, string> ParseMainAttributes(ReadOnlySpan<byte> text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        var value = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(text).ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(' '))
            {
                value.Append(line, 1, line.Length - 1);
                continue;
            }

            Keep(attributes, name, value);
            name = null;
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                name = line[..colon];
                value.Clear().Append(line, colon + 2, line.Length - colon - 2);
            }
        }

        Keep(attributes, name, value);
        return attributes;
    }

    // The specification forbids repeating an attribute; java.util.jar.Manifest warns and keeps the last, and so do we.
    private static void Keep(Dictionary<string, string> attributes, string? name, StringBuilder value)
    {
        if (name is not null)
        {
            attributes[name] = value.ToString().Trim();
        }
    }
}
