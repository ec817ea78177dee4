using System.Text.Json.Nodes;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// docs/control/server.md's walk-through, step by step, against a real server process started
/// through the real CLI, with curl as the client, written exactly as the documentation writes it.
/// </summary>
public sealed class DocumentedFlowTests
{
    private const string Username = "alice";
    private const string Password = "correct-horse-battery-staple";

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Init_sign_in_issue_list_revoke_and_stop_on_SIGTERM(DatabaseProvider database)
    {
        await using var server = new ServerProcess(database);
        var init = server.Init("acme", Username, Password);
        Assert.Equal((0, ""), (init.ExitCode, init.Stderr));
        Assert.StartsWith("created subscription 'acme' (", init.Stdout, StringComparison.Ordinal);
        Assert.Equal(database == DatabaseProvider.Sqlite, File.Exists(Path.Combine(server.DataDirectory, "snapsight.db")));

        await server.StartAsync();
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "access-token-signing.key")));
        var url = server.BaseUrl;
        var token = Curl("-s", "-X", "POST", $"{url}/auth", "-d", $"username={Username}", "-d", $"password={Password}", "-d", "token=true");
        var (header, payload) = HandMadeJwt.Read(token);
        Assert.Equal(("HS256", "at+jwt", "alice"), ((string?)header["alg"], (string?)header["typ"], (string?)payload["name"]));
        Assert.True(Directory.Exists(Path.Combine(server.DataDirectory, "data-protection-keys")));

        var before = DateTime.UtcNow;
        var issued = Json(Curl("-s", "-X", "POST", $"{url}/qas/subscription-token", "-H", $"Authorization: Bearer {token}",
            "-H", "Content-Type: application/json", "-d", """{"expiry": 500000}"""));
        var value = (string)issued["token"]!;
        var id = (string)issued["id"]!;
        // "sst_" and 256 bits in unpadded base64url: 43 characters.
        Assert.Matches("^sst_[A-Za-z0-9_-]{43}$", value);
        Assert.Equal((500000L, false), ((long)issued["expiry"]!, (bool)issued["capped"]!));
        Assert.InRange((DateTime)issued["expiresAt"]! - before, TimeSpan.FromSeconds(500000 - 60), TimeSpan.FromSeconds(500000 + 60));

        var listed = Curl("-s", $"{url}/api/v1/subscription-tokens", "-H", $"Authorization: Bearer {token}");
        Assert.DoesNotContain(value, listed, StringComparison.Ordinal);
        Assert.Equal("active", (string?)Listed(listed, id)["state"]);

        var revoked = Curl("-s", "-X", "DELETE", $"{url}/api/v1/subscription-tokens/{id}", "-H", $"Authorization: Bearer {token}",
            "-w", "%{http_code}\n");
        Assert.Equal("204\n", revoked);
        AssertSubscriptionTokenRefused(url, token, id, value);

        Assert.Equal(0, await server.TerminateAsync());
    }

    /// <summary>
    /// What shows that a revoked subscription token no longer works. For now the listing (the
    /// endpoints that accept subscription tokens are not there yet); presenting
    /// <paramref name="value"/> to such an endpoint and expecting 401 belongs here too.
    /// </summary>
    private static void AssertSubscriptionTokenRefused(string url, string accessToken, string id, string value)
    {
        var entry = Listed(Curl("-s", $"{url}/api/v1/subscription-tokens", "-H", $"Authorization: Bearer {accessToken}"), id);
        Assert.Equal("revoked", (string?)entry["state"]);
        Assert.NotNull(entry["revokedAt"]);
        Assert.StartsWith("sst_", value, StringComparison.Ordinal);
    }

    private static JsonObject Listed(string page, string id) =>
        Json(page)["items"]!.AsArray().Select(item => item!.AsObject()).Single(item => (string?)item["id"] == id);

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static string Curl(params string[] arguments) => Tool.Run("curl", arguments);
}
