using System.Text.RegularExpressions;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The console's answers carry a content security policy whose nonce is fresh on every answer and is
/// the one the page's inline style sheet carries; the API's answers are left alone. (That Chromium
/// enforces it and the pages still work is what the browser tests show.)
/// </summary>
public sealed partial class ConsoleHeadersTests
{
    [Fact]
    public async Task Each_console_answer_has_its_own_nonce_in_the_policy_and_the_page()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        using var http = server.Client();
        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var answer = await http.GetAsync(new Uri("console/sign-in", UriKind.Relative));
            var policy = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));
            var nonce = Assert.Single(PolicyNonce().Matches(policy).Select(m => m.Groups[1].Value).Distinct());
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains($"<style nonce=\"{nonce}\">", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            nonces.Add(nonce);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
        using var api = await http.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex PolicyNonce();
}
