using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Hosting;
using Snapsight.Server.Tests.EndToEnd;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// One real server and one browser for every console test: <c>snapsight demo --once</c> scans the demo
/// fleet (so the pages show real results), then <c>snapsight server</c> serves that data folder and
/// Debian's chromium, driven by Playwright through its executable path, browses it. An API client
/// signed in as the same admin reads the same data as the oracle the pages are compared with.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Debian's package installs it here (scripts/install-deps); Playwright never downloads a browser of its own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDirectory temp = new();
    private ServerProcess? server;
    private IPlaywright? playwright;

    public DemoFleet Demo { get; private set; } = null!;

    public string BaseUrl => server!.BaseUrl;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Signed in to the API as the demo's admin: the oracle for what pages show.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Where the test run's screenshots go, for docs/console.md.</summary>
    public static string ScreenshotFolder => Path.Combine(Repository.Root, "docs", "console");

    public async Task InitializeAsync()
    {
        Demo = DemoFleet.RunOnce(temp.File("demo"));
        server = new ServerProcess(Demo.DataDirectory);
        // Snapshots pending for 20 s, as EBS's take a while, so a rescan stays in progress long enough to be watched live.
        server.Environment[ServerOptions.LocalSnapshotVariable] = "20";
        await server.StartAsync();

        Api = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var signIn = await Api.PostAsync(new Uri("auth", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = Demo.Password, ["token"] = "true",
        }));
        signIn.EnsureSuccessStatusCode();
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await signIn.Content.ReadAsStringAsync());

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh browser context (no cookies) at the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    public async Task<JsonNode> ApiGetAsync(string path)
    {
        using var response = await Api.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static List<JsonNode> Items(JsonNode page) => [.. page["items"]!.AsArray().OfType<JsonNode>()];

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        Api?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        temp.Dispose();
    }
}
