using System.Text;

namespace Snapsight.Advisories.Reports;

/// <summary>
/// A path inside the scanned image as a relative URI reference (RFC 3986), the form SARIF's
/// artifactLocation.uri requires: the leading slash dropped, and every byte of the UTF-8 path
/// percent-encoded except unreserved characters, sub-delimiters ("!" of "app.jar!/inner" stays
/// readable), "@" and "/". ":" is encoded too, as a first segment holding one would read as a scheme.
/// </summary>
public static class ImagePathUri
{
    private const string Kept = "-._~!$&'()*+,;=@/";

    public static string Relative(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path.TrimStart('/')))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || Kept.Contains((char)b, StringComparison.Ordinal))
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
