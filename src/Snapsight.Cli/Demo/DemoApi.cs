using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapsight.Cli.Demo;

/// <summary>
/// The server's HTTP API as a user (or a template's call-back) calls it, one documented step per
/// method (docs/control/server.md, docs/control/connectors-and-accounts.md). JSON goes through
/// <see cref="JsonNode"/>, which needs no reflection (this executable is Native AOT).
/// </summary>
internal sealed class DemoApi(HttpClient http) : IDisposable
{
    private string accessToken = "";
    private string subscriptionToken = "";

    /// <summary>POST /auth with the form fields; the answer's body is the access token.</summary>
    public async Task SignInAsync(string username, string password, CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent([new("username", username), new("password", password), new("token", "true")]);
        using var response = await http.PostAsync(new Uri("/auth", UriKind.Relative), form, ct).ConfigureAwait(false);
        accessToken = await SuccessAsync(response, "sign in", ct).ConfigureAwait(false);
    }

    /// <summary>POST /qas/subscription-token: what the templates' call-backs authenticate with.</summary>
    public async Task<JsonNode> IssueSubscriptionTokenAsync(TimeSpan lifetime, CancellationToken ct)
    {
        var issued = await SendAsync(HttpMethod.Post, "/qas/subscription-token", new JsonObject { ["expiry"] = (long)lifetime.TotalSeconds },
            accessToken, "issue a subscription token", ct).ConfigureAwait(false);
        subscriptionToken = Text(issued, "token");
        return issued;
    }

    /// <summary>POST /api/v1/connectors; the answer is the only one holding the whole external ID.</summary>
    public Task<JsonNode> CreateConnectorAsync(string name, string roleArn, IReadOnlyList<string> regions, bool serviceAccount, CancellationToken ct)
    {
        // Scanning runs in the service account, which CSPM (its connector's second application) is required for.
        var applications = serviceAccount ? new JsonArray("VulnerabilityScanning", "Cspm") : new JsonArray("VulnerabilityScanning");
        return SendAsync(HttpMethod.Post, "/api/v1/connectors", new JsonObject
        {
            ["name"] = name,
            ["applications"] = applications,
            ["accountType"] = "commercial",
            ["pollingFrequencyHours"] = 1,
            ["roleArn"] = roleArn,
            ["regions"] = Strings(regions),
            ["autoActivate"] = true,
        }, accessToken, $"create connector {name}", ct);
    }

    /// <summary>The service account's call-back (CFT-S), sent with the subscription token as the template's Lambda sends it.</summary>
    public Task<JsonNode> RegisterServiceAccountAsync(string accountId, IReadOnlyList<string> regions, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/conn/snapshot/v1.0/register-service-account",
            new JsonObject { ["accountId"] = accountId, ["regions"] = Strings(regions), ["targetRegions"] = Strings(regions) },
            subscriptionToken, $"register service account {accountId}", ct);

    /// <summary>A target account's call-back (CFT-T).</summary>
    public Task<JsonNode> RegisterTargetAccountAsync(string accountId, string roleArn, IReadOnlyList<string> regions, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/conn/snapshot/v1.0/register-target-account",
            new JsonObject { ["accountId"] = accountId, ["roleArn"] = roleArn, ["regions"] = Strings(regions) },
            subscriptionToken, $"register target account {accountId}", ct);

    /// <summary>PATCH the connector: snapshots are taken and scanned without anyone asking.</summary>
    public Task<JsonNode> TurnOnZeroTouchAsync(string connectorId, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, $"/api/v1/connectors/{Uri.EscapeDataString(connectorId)}", new JsonObject { ["zeroTouchSnapshot"] = true },
            accessToken, "turn zero-touch on", ct);

    /// <summary>GET with the access token; null on 404 (an endpoint this server does not have yet).</summary>
    public async Task<JsonNode?> GetAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : Parse(await SuccessAsync(response, $"GET {path}", ct).ConfigureAwait(false), $"GET {path}");
    }

    public void Dispose() => http.Dispose();

    /// <summary>A string member of an answer, or a <see cref="DemoException"/> saying which is missing.</summary>
    public static string Text(JsonNode node, string member) =>
        node[member] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new DemoException($"the server's answer has no '{member}': {node.ToJsonString()}");

    /// <summary>A string member of an answer, or null when it is missing or null.</summary>
    public static string? OptionalText(JsonNode node, string member) =>
        node[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject body, string bearer, string step, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return Parse(await SuccessAsync(response, step, ct).ConfigureAwait(false), step);
    }

    private static async Task<string> SuccessAsync(HttpResponseMessage response, string step, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? text
            : throw new DemoException($"{step} failed: {(int)response.StatusCode} {response.ReasonPhrase} {text}".TrimEnd());
    }

    private static JsonNode Parse(string text, string step)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new DemoException($"{step}: the server answered null");
        }
        catch (JsonException bad)
        {
            throw new DemoException($"{step}: the server's answer is not JSON: {bad.Message}");
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
