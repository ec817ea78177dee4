using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary><c>snapsight server licence</c>: the licence is set on the host, and the API then counts against it.</summary>
public sealed class ServerLicenceTests
{
    private const string Password = "correct-horse-battery-staple";

    [Fact]
    public async Task The_licence_set_on_the_host_is_the_one_the_api_reports_and_the_change_is_audited()
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        Assert.Equal(0, server.Init("acme", "alice", Password).ExitCode);

        var set = Licence(server, "--subscription", "acme", "--addresses", "250");
        var shown = Licence(server, "--subscription", "acme");

        Assert.Equal((0, "subscription 'acme': licensed for 250 IP addresses (was 100), 0 in use\n", ""), (set.ExitCode, set.Stdout, set.Stderr));
        Assert.Equal((0, "subscription 'acme': licensed for 250 IP addresses, 0 in use\n"), (shown.ExitCode, shown.Stdout));
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(http));
        var licence = JsonNode.Parse(await http.GetStringAsync("api/v1/licence"))!;
        Assert.Equal((250, 0), ((int)licence["limit"]!, (int)licence["used"]!));
        var audit = Assert.Single(JsonNode.Parse(await http.GetStringAsync("api/v1/audit?action=subscription.licence"))!["items"]!.AsArray());
        Assert.Equal(("system", "licensedIpAddresses: 100 → 250"), ((string)audit!["actor"]!, (string)audit["detail"]!));
    }

    [Theory]
    [InlineData("nope", "250", "there is no subscription named 'nope'")]
    [InlineData("acme", "-1", "a licence allows 0 to 1000000 IP addresses, not -1")]
    [InlineData("acme", "1000001", "a licence allows 0 to 1000000 IP addresses, not 1000001")]
    public async Task A_wrong_subscription_or_limit_is_refused_and_changes_nothing(string subscription, string addresses, string reason)
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        Assert.Equal(0, server.Init("acme", "alice", Password).ExitCode);

        var refused = Licence(server, "--subscription", subscription, "--addresses", addresses);

        Assert.Equal((2, "", $"snapsight server: {reason}.\n"), (refused.ExitCode, refused.Stdout, refused.Stderr));
        Assert.Equal("subscription 'acme': licensed for 100 IP addresses, 0 in use\n", Licence(server, "--subscription", "acme").Stdout);
    }

    private static SnapsightCommand.Result Licence(ServerProcess server, params string[] args) =>
        SnapsightCommand.Run(["server", "licence", "--data-dir", server.DataDirectory, .. args], "", server.Environment);

    private static async Task<string> SignInAsync(HttpClient http)
    {
        using var answer = await http.PostAsync("auth", TestTenant.SignInForm("alice", Password));
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadAsStringAsync();
    }
}
