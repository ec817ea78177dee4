using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>Reads the API's JSON answers in the end-to-end tests, failing with the answer when it is not a success.</summary>
public static class ApiJson
{
    public static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static List<JsonNode> Items(JsonNode page) => [.. page["items"]!.AsArray().OfType<JsonNode>()];

    public static async Task<JsonNode> SendAsync(HttpClient http, HttpMethod method, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>A client of <paramref name="server"/> signed in as <paramref name="username"/> with a bearer token.</summary>
    public static async Task<HttpClient> SignInAsync(ServerProcess server, string username, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var signIn = await http.PostAsync("auth", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["token"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await signIn.Content.ReadAsStringAsync());
        return http;
    }
}
