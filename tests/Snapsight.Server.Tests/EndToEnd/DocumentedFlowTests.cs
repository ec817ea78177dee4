using System.Text.Json.Nodes;
using Snapsight.Control;
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
    private const string ServiceAccount = "111111111111";
    private const string TargetAccount = "222222222222";
    private const string ApiEndpoint = "https://snapsight.example.com";

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Init_sign_in_issue_a_token_set_up_connectors_templates_and_accounts_revoke_and_stop_on_SIGTERM(DatabaseProvider database)
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

        using var files = new TempDirectory();
        SetUpAccounts(server, token, value, files);

        var revoked = Curl("-s", "-X", "DELETE", $"{url}/api/v1/subscription-tokens/{id}", "-H", $"Authorization: Bearer {token}",
            "-w", "%{http_code}\n");
        Assert.Equal("204\n", revoked);
        AssertSubscriptionTokenRefused(url, token, id, value);

        Assert.Equal(0, await server.TerminateAsync());
    }

    /// <summary>
    /// Connectors for a service and a target account, both templates downloaded, the accounts' roles
    /// written to the local cloud as deploying the templates would make them, both registered through the
    /// call-backs with the subscription token, and zero-touch refused before the service account and allowed after.
    /// </summary>
    private static void SetUpAccounts(ServerProcess server, string token, string subscriptionToken, TempDirectory files)
    {
        var url = server.BaseUrl;
        var service = Json(Curl("-s", "-X", "POST", $"{url}/api/v1/connectors", "-H", $"Authorization: Bearer {token}",
            "-H", "Content-Type: application/json", "-d", $$"""
            {"name": "scanning", "applications": ["Cspm", "VulnerabilityScanning"],
             "roleArn": "{{RoleArn(ServiceAccount)}}", "regions": ["eu-west-1"]}
            """));
        var target = Json(Curl("-s", "-X", "POST", $"{url}/api/v1/connectors", "-H", $"Authorization: Bearer {token}",
            "-H", "Content-Type: application/json", "-d", $$"""
            {"name": "web", "applications": ["VulnerabilityScanning"],
             "roleArn": "{{RoleArn(TargetAccount)}}", "regions": ["eu-west-1"]}
            """));
        var targetConnector = (string)target["id"]!;

        var serviceTemplate = files.File("snapsight-service.yaml");
        Assert.Equal("200\n", Curl("-s", "-X", "POST", $"{url}/api/v1/templates/service-account?format=yaml",
            "-H", $"Authorization: Bearer {token}", "-H", "Content-Type: application/json", "-o", serviceTemplate, "-w", "%{http_code}\n",
            "-d", $$"""{"regions": ["eu-west-1"], "apiEndpoint": "{{ApiEndpoint}}", "subscriptionToken": "{{subscriptionToken}}"}"""));
        Assert.Contains(subscriptionToken, File.ReadAllText(serviceTemplate), StringComparison.Ordinal);
        // Before the service account is registered, CFT-T is told which account it will be.
        var targetTemplate = files.File("snapsight-target.yaml");
        Assert.Equal("200\n", Curl("-s", "-X", "POST", $"{url}/api/v1/templates/target-account?format=yaml",
            "-H", $"Authorization: Bearer {token}", "-H", "Content-Type: application/json", "-o", targetTemplate, "-w", "%{http_code}\n",
            "-d", $$"""
            {"connectorId": "{{targetConnector}}", "serviceAccountId": "{{ServiceAccount}}", "apiEndpoint": "{{ApiEndpoint}}",
             "subscriptionToken": "{{subscriptionToken}}"}
            """));
        var cftT = File.ReadAllText(targetTemplate);
        Assert.Contains((string)target["externalId"]!, cftT, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{ServiceAccount}:role/SnapsightScanning", cftT, StringComparison.Ordinal);

        // What deploying the templates makes in AWS, the local cloud is told by hand.
        WriteAccount(server, ServiceAccount, (string)service["externalId"]!);
        WriteAccount(server, TargetAccount, (string)target["externalId"]!);

        string ZeroTouch() => Curl("-s", "-X", "PATCH", $"{url}/api/v1/connectors/{targetConnector}", "-H", $"Authorization: Bearer {token}",
            "-H", "Content-Type: application/json", "-d", """{"zeroTouchSnapshot": true}""", "-o", "/dev/null", "-w", "%{http_code}\n");
        Assert.Equal("409\n", ZeroTouch());

        Assert.Equal("201\n", RegisterServiceAccount(url, subscriptionToken));
        Assert.Equal("201\n", Curl("-s", "-X", "POST", $"{url}/conn/snapshot/v1.0/register-target-account",
            "-H", $"Authorization: Bearer {subscriptionToken}", "-H", "Content-Type: application/json",
            "-d", $$"""{"accountId": "{{TargetAccount}}", "regions": ["eu-west-1"]}""", "-o", "/dev/null", "-w", "%{http_code}\n"));
        Assert.Equal("registered", (string?)Json(Curl("-s", $"{url}/api/v1/service-account", "-H", $"Authorization: Bearer {token}"))["state"]);
        var targets = Json(Curl("-s", $"{url}/api/v1/target-accounts", "-H", $"Authorization: Bearer {token}"))["items"]!.AsArray();
        Assert.Equal(("registered", TargetAccount), ((string?)targets.Single()!["state"], (string?)targets.Single()!["accountId"]));

        Assert.Equal("200\n", ZeroTouch());
    }

    private static string RegisterServiceAccount(string url, string subscriptionToken) =>
        Curl("-s", "-X", "POST", $"{url}/conn/snapshot/v1.0/register-service-account",
            "-H", $"Authorization: Bearer {subscriptionToken}", "-H", "Content-Type: application/json",
            "-d", $$"""{"accountId": "{{ServiceAccount}}", "schedule": "rate(48 hours)"}""", "-o", "/dev/null", "-w", "%{http_code}\n");

    /// <summary>The account.json of docs/control/server.md: the role the template makes, trusting the connector's external ID.</summary>
    private static void WriteAccount(ServerProcess server, string accountId, string externalId)
    {
        var directory = Path.Combine(server.DataDirectory, ControlSettings.LocalCloudDirectoryName, "accounts", accountId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "account.json"), $$"""
            {"roles": [{"arn": "{{RoleArn(accountId)}}", "trustedExternalId": "{{externalId}}",
              "permissions": ["ec2:*", "ebs:*"]}], "enabledRegions": ["eu-west-1"]}
            """);
    }

    private static string RoleArn(string accountId) => $"arn:aws:iam::{accountId}:role/snapsight/SnapsightTarget";

    /// <summary>A revoked subscription token is listed as revoked, and the call-back it was issued for refuses it.</summary>
    private static void AssertSubscriptionTokenRefused(string url, string accessToken, string id, string value)
    {
        var entry = Listed(Curl("-s", $"{url}/api/v1/subscription-tokens", "-H", $"Authorization: Bearer {accessToken}"), id);
        Assert.Equal("revoked", (string?)entry["state"]);
        Assert.NotNull(entry["revokedAt"]);
        Assert.Equal("401\n", RegisterServiceAccount(url, value));
    }

    private static JsonObject Listed(string page, string id) =>
        Json(page)["items"]!.AsArray().Select(item => item!.AsObject()).Single(item => (string?)item["id"] == id);

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static string Curl(params string[] arguments) => Tool.Run("curl", arguments);
}
