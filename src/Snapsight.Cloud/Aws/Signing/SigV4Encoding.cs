using System.Text;

namespace Snapsight.Cloud.Aws.Signing;

/// <summary>
/// The URI encoding Signature Version 4 prescribes: every byte of the UTF-8 form except the RFC 3986
/// unreserved characters (A–Z, a–z, 0–9, '-', '.', '_', '~') as %XY with uppercase hex.
/// </summary>
public static class SigV4Encoding
{
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var encoded = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return encoded.ToString();
    }

    /// <summary>
    /// The canonical URI of a path: empty and "." segments dropped, ".." removing the one before
    /// (RFC 3986 dot-segment removal, which AWS applies to every service but S3), each segment
    /// encoded, a trailing slash kept.
    /// </summary>
    public static string CanonicalPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    break;
                default:
                    segments.Add(Encode(segment));
                    break;
            }
        }

        var trailingSlash = segments.Count > 0 && path.EndsWith('/');
        return "/" + string.Join('/', segments) + (trailingSlash ? "/" : "");
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~';
}
