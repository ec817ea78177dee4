using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Snapsight.Control;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Accounts;

/// <summary>
/// Accounts of the server's local cloud, written as account.json files the way an operator would
/// (docs/control/connectors-and-accounts.md), and connectors made for them through the API.
/// </summary>
public static class LocalAccounts
{
    public static readonly string[] ServicePermissions = ["ec2:DescribeRegions", "ec2:DescribeSnapshots", "ebs:*"];

    public static readonly string[] TargetPermissions = ["ec2:*", "ebs:*"];

    /// <summary>A fresh 12-digit account id, so tests sharing a server never share an account directory.</summary>
    public static string NewAccountId() => string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));

    public static string RoleArn(string accountId, string partition = "aws") => $"arn:{partition}:iam::{accountId}:role/snapsight/SnapsightTarget";

    /// <summary>Writes <c>accounts/&lt;id&gt;/account.json</c> under the server's local cloud.</summary>
    public static void Write(RunningServer server, string accountId, JsonObject account)
    {
        var directory = Path.Combine(server.DataDirectory, ControlSettings.LocalCloudDirectoryName, "accounts", accountId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "account.json"), account.ToJsonString());
    }

    /// <summary>An account whose one role trusts <paramref name="externalId"/> and grants <paramref name="permissions"/>.</summary>
    public static JsonObject Account(string accountId, string? externalId, IEnumerable<string> permissions, IEnumerable<string> regions,
        bool sessionsRevoked = false) => new()
    {
        ["roles"] = new JsonArray(new JsonObject
        {
            ["arn"] = RoleArn(accountId),
            ["trustedExternalId"] = externalId,
            ["permissions"] = new JsonArray([.. permissions.Select(p => JsonValue.Create(p))]),
            ["sessionsRevoked"] = sessionsRevoked,
        }),
        ["enabledRegions"] = new JsonArray([.. regions.Select(r => JsonValue.Create(r))]),
    };

    /// <summary>Creates a connector for <paramref name="accountId"/> and answers the creation's JSON (with the whole external ID).</summary>
    public static async Task<JsonNode> CreateConnectorAsync(TestTenant tenant, string accountId, string applications = """["VulnerabilityScanning","Cspm"]""",
        string name = "")
    {
        var body = $$"""
            {"name": "{{(name.Length > 0 ? name : "connector-" + accountId)}}", "applications": {{applications}}, "accountType": "commercial",
             "pollingFrequencyHours": 4, "roleArn": "{{RoleArn(accountId)}}", "regions": ["eu-west-1", "us-east-1"],
             "assetTags": [{"tagKey": "team", "tagValue": "blue"}]}
            """;
        using var response = await tenant.Admin.PostAsync("api/v1/connectors", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A connector and a fully working account for it: the role trusts the connector's external ID and grants everything.</summary>
    public static async Task<JsonNode> WorkingAccountAsync(TestTenant tenant, string accountId)
    {
        var connector = await CreateConnectorAsync(tenant, accountId);
        Write(tenant.Server, accountId, Account(accountId, (string)connector["externalId"]!, ["*"], ["eu-west-1", "us-east-1"]));
        return connector;
    }

    public static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    /// <summary>CFT-S's call-back body exactly as the template's Lambda sends it.</summary>
    public static string ServiceBody(string accountId) => $$"""
        {"accountId": "{{accountId}}", "schedule": "rate(48 hours)",
         "tags": [{"tagKey": "env", "tagValue": "prod"}], "tagsAny": [{"tagKey": "tier", "tagValue": "web"}], "tagsNone": [],
         "exclusionTags": [{"tagKey": "snapsight:exclude", "tagValue": "true"}],
         "regions": ["eu-west-1"], "targetRegions": ["eu-west-1"], "scannerConcurrency": 4, "eventBasedScanning": false}
        """;

    /// <summary>CFT-T's call-back body as the template's Lambda sends it; <paramref name="copyAndShare"/> null leaves the field out, as an older template did.</summary>
    public static string TargetBody(string accountId, bool? copyAndShare = false) => copyAndShare is { } copies
        ? $$"""{"accountId": "{{accountId}}", "roleArn": "{{RoleArn(accountId)}}", "regions": ["eu-west-1"], "copyAndShare": {{(copies ? "true" : "false")}}}"""
        : $$"""{"accountId": "{{accountId}}", "roleArn": "{{RoleArn(accountId)}}", "regions": ["eu-west-1"]}""";

    public static Task<HttpResponseMessage> RegisterServiceAsync(HttpClient client, string accountId) =>
        client.PostAsync("conn/snapshot/v1.0/register-service-account", Json(ServiceBody(accountId)));

    public static Task<HttpResponseMessage> RegisterTargetAsync(HttpClient client, string accountId, bool? copyAndShare = false) =>
        client.PostAsync("conn/snapshot/v1.0/register-target-account", Json(TargetBody(accountId, copyAndShare)));

    /// <summary>A client that presents a fresh subscription token of the tenant, as a template's call-back does.</summary>
    public static async Task<(HttpClient Client, string TokenId)> CallBackClientAsync(TestTenant tenant)
    {
        using var issued = await tenant.Admin.PostAsJsonAsync("qas/subscription-token", new { expiry = 3600 });
        var answer = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var client = tenant.Server.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (string)answer["token"]!);
        return (client, (string)answer["id"]!);
    }
}
