using System.Text;

namespace Snapsight.Disk.FileSystems;

/// <summary>Lexical path helpers of the file tree: absolute paths, '/'-separated, never ending in '/'.</summary>
public static class TreePath
{
    /// <summary>Splits on '/', dropping empty and "." parts; ".." removes the previous part and stops at the root.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    public static string Combine(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;

    /// <summary>The last segment of a normalised path ("" for the root).</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The parent of a normalised path; the root is its own parent.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>
    /// A name a directory may hold: not empty, not "." or "..", without '/' or NUL. Anything
    /// else from a file system is hostile — it would let a listing forge paths.
    /// </summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.AsSpan().IndexOfAny('/', '\0') < 0;

    /// <summary>
    /// Escapes control characters so a hostile name cannot forge log lines or terminal output,
    /// and cuts text longer than <paramref name="maxLength"/> (messages; listings pass no limit).
    /// </summary>
    public static string Printable(string text, int maxLength = 512)
    {
        var span = text.AsSpan();
        if (span.Length <= maxLength && !ContainsControl(span))
        {
            return text; // the common case, without a copy
        }

        var builder = new StringBuilder();
        foreach (var c in span.Length > maxLength ? span[..maxLength] : span)
        {
            if (char.IsControl(c))
            {
                builder.Append($"\\x{(int)c:X2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return span.Length > maxLength ? builder.Append('…').ToString() : builder.ToString();
    }

    private static bool ContainsControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
