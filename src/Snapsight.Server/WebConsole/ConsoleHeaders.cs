using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// Security headers on every console answer. The content security policy allows only this origin and
/// the page's own inline style sheet and script, each carrying a fresh nonce per answer, so an injected
/// script or style could not run even if output encoding missed something; no framing (clickjacking).
/// <c>Server-Timing: app;dur=…</c> says how long the server took from here to the answer's first byte,
/// which for a page is all of its work: Razor renders the whole page into a buffer before writing it
/// (bench/console reads it).
/// </summary>
public static class ConsoleHeaders
{
    private const string NonceKey = "snapsight-console-nonce";

    /// <summary>This answer's nonce, for the layout's style sheet and a page's script.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            // Hex: a valid CSP nonce that HTML encoding leaves as it is (base64's "+" would become "&#x2B;").
            nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static IApplicationBuilder UseConsoleHeaders(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase), console =>
            console.Use((context, next) =>
            {
                var started = Stopwatch.GetTimestamp();
                var nonce = Nonce(context);
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
                        + "connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "same-origin";
                    headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
                        $"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}");
                    return Task.CompletedTask;
                });
                return next(context);
            }));
}
