using System.Text.Encodings.Web;

namespace Snapsight.Cli;

internal static class JsonOutput
{
    /// <summary>
    /// Keeps '+', non-ASCII letters and the like readable ("/lost+found", not "/lost\u002Bfound");
    /// control characters and quotes are still escaped, so names from a hostile disk cannot break a line.
    /// This output is never embedded in HTML.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
