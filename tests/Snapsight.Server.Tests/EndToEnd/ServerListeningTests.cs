using System.Net;
using System.Net.Sockets;
using Snapsight.Control.Persistence;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Hosting;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// Where <c>snapsight server</c> listens. Port 0 is bound to a port the kernel picks at the bind, so no process beside
/// can take it first (as one could between a test finding a free port and the server binding it); the server prints
/// the address, which is how <see cref="ServerProcess"/> and the demo learn it. A port already taken is a clear refusal.
/// </summary>
public sealed class ServerListeningTests
{
    private const string Password = "correct-horse-battery-staple";

    [Fact]
    public async Task On_port_0_the_server_prints_the_port_it_bound_and_answers_there()
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        Assert.Equal(0, server.Init("acme", "alice", Password).ExitCode);

        await server.StartAsync();

        var address = new Uri(server.BaseUrl);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        using var http = new HttpClient();
        using var answer = await http.GetAsync(new Uri(address, "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public void A_port_another_process_holds_is_refused_with_the_address_and_nothing_is_said_to_listen()
    {
        using var beside = new TcpListener(IPAddress.Loopback, 0);
        beside.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)beside.LocalEndpoint).Port}";
        using var data = new TempDirectory();

        var refused = SnapsightCommand.Run(["server", "--data-dir", data.File("data"), "--urls", url]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"snapsight server: Failed to bind to address {url}: address already in use.", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(ListeningLine.Prefix, refused.Stdout, StringComparison.Ordinal);
    }
}
