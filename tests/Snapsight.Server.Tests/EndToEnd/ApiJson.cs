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
}
