using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// <c>snapsight demo --once</c> against the real fleet images of tests/images/build-demo-fleet, then the same
/// data folder served again and asked through the API whether each step of the walk happened. The expected
/// fleet comes from the script's fleet.tsv and the local cloud's own files, not from the demo's output.
/// </summary>
public sealed partial class DemoTests(ITestOutputHelper output)
{
    private static readonly FixtureScript Fleet = new("build-demo-fleet");

    [Fact]
    public async Task Demo_once_sets_up_connectors_accounts_and_zero_touch_through_the_api()
    {
        using var temp = new TempDirectory();
        var data = temp.File("demo");
        var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        var advisories = Path.Combine(Repository.Root, "..", "shared", "data", "advisories", "almalinux", "osv-database-full",
            "almalinux-osv-advisories.tar.gz");
        var demo = SnapsightCommand.Run(["demo", "--once", "--data-dir", data, "--urls", url, "--images", Fleet.Folder, "--advisories", advisories]);
        output.WriteLine(demo.Stdout);
        Assert.True(demo.ExitCode is 0 or 3, $"exit {demo.ExitCode}: {demo.Stderr}");

        var fleet = File.ReadAllLines(Path.Combine(Fleet.Folder, "fleet.tsv")).Select(l => l.Split('\t')).ToList();
        var accounts = fleet.Select(f => f[1]).Distinct().ToList();
        var instances = Directory.GetFiles(Path.Combine(data, "cloud", "accounts"), "instance.json", SearchOption.AllDirectories);
        Assert.Equal(fleet.Count, instances.Length);

        await using var server = new ServerProcess(data);
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var signIn = await http.PostAsync("auth", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = PrintedPassword().Match(demo.Stdout).Groups[1].Value, ["token"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await signIn.Content.ReadAsStringAsync());

        var connectors = Items(await GetAsync(http, "api/v1/connectors"));
        Assert.Equal(accounts.Select(Arn).Order(), connectors.Select(c => (string)c["roleArn"]!).Order());
        Assert.All(connectors, c => Assert.True((bool)c["zeroTouchSnapshot"]!, $"zero-touch off on {c["name"]}"));
        var service = await GetAsync(http, "api/v1/service-account");
        Assert.Equal((accounts[0], "registered"), ((string)service["accountId"]!, (string)service["state"]!));
        var targets = Items(await GetAsync(http, "api/v1/target-accounts"));
        Assert.Equal(accounts.Order(), targets.Select(t => (string)t["accountId"]!).Order());
        Assert.All(targets, t => Assert.Equal("registered", (string)t["state"]!));
        var tokens = Items(await GetAsync(http, "api/v1/subscription-tokens"));
        Assert.Equal("active", (string)Assert.Single(tokens)["state"]!);
        // Through the API, not behind it: every change is in the audit log, in the documented order.
        var audit = Items(await GetAsync(http, "api/v1/audit?limit=500")).Select(e => (string)e["action"]!).Reverse().ToList();
        Assert.Equal(
            [.. accounts.Select(_ => "connector.create"), "service-account.register", .. accounts.Select(_ => "target-account.register"),
             .. accounts.Select(_ => "connector.change")],
            audit.Where(a => a.StartsWith("connector.", StringComparison.Ordinal) || a.EndsWith(".register", StringComparison.Ordinal)));

        using var runs = await http.GetAsync("api/v1/runs");
        if (demo.ExitCode == 3)
        {
            // Exit 3 is only right while the server has no runs endpoint; then nothing was scanned and there is nothing to compare.
            Assert.Equal(HttpStatusCode.NotFound, runs.StatusCode);
            Assert.Contains("/api/v1/runs", demo.Stderr, StringComparison.Ordinal);
            output.WriteLine("assets not compared: the server has no GET /api/v1/runs yet (discovery and the scan workflow are not merged)");
            return;
        }

        var expected = instances.Select(i => Path.GetFileName(Path.GetDirectoryName(i)!)).Order();
        Assert.Equal(expected, Items(await GetAsync(http, "api/v1/assets?limit=500")).Select(a => (string)a["instanceId"]!).Order());
    }

    private static string Arn(string account) => $"arn:aws:iam::{account}:role/snapsight/SnapsightTarget";

    private static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static List<JsonNode> Items(JsonNode page) => [.. page["items"]!.AsArray().OfType<JsonNode>()];

    [GeneratedRegex(@"^\s+password\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex PrintedPassword();
}
