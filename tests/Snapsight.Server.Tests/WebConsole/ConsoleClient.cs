using System.Net;
using System.Text.RegularExpressions;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// The console over plain HTTP, as a browser without script would use it: a cookie jar, no automatic
/// redirects (so tests see each 302), and each form's antiforgery token read from the page that holds it.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient http;
    private readonly CookieContainer cookies = new();

    private ConsoleClient(RunningServer server) =>
        http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = server.BaseAddress,
        };

    /// <summary>The console session cookie as a <c>Cookie</c> header value, to present it where a browser would not.</summary>
    public string SessionCookie =>
        cookies.GetCookies(new Uri(http.BaseAddress!, "console")).Single(c => c.Name == "snapsight-console").ToString();

    /// <summary>Signs in through the sign-in form; fails the test unless the answer is the redirect to the console.</summary>
    public static async Task<ConsoleClient> SignInAsync(RunningServer server, string username, string password)
    {
        var client = new ConsoleClient(server);
        using var answer = await client.PostFormAsync("console/sign-in", "console/sign-in",
            new() { ["Username"] = username, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Posts a form of the page at <paramref name="formPage"/> with that page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(new Uri(formPage, UriKind.Relative));
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(page) is { Success: true } token
            ? token.Groups[1].Value
            : throw new InvalidOperationException($"{formPage} has no form with an antiforgery token");
        return await http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
