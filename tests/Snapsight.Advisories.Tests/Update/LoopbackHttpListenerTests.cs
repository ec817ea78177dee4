using System.Net;
using System.Net.Sockets;
using Snapsight.AwsFake;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>
/// The start every loopback test server shares (<see cref="LocalFeedServer"/> here, the AWS fake's endpoints):
/// the port it found free may be taken by a test running beside before it binds it.
/// </summary>
public sealed class LoopbackHttpListenerTests
{
    [Fact]
    public async Task A_port_taken_before_the_bind_is_given_up_for_another_that_serves()
    {
        using var beside = new TcpListener(IPAddress.Loopback, 0);
        beside.Start();
        var taken = ((IPEndPoint)beside.LocalEndpoint).Port;
        var offered = new List<int>();

        using var listener = LoopbackHttpListener.Start(() => Offer(offered, offered.Count == 0 ? taken : LoopbackHttpListener.FreePort()), out var endpoint);

        Assert.Equal(2, offered.Count);
        Assert.Equal(taken, offered[0]);
        Assert.Equal(offered[1], endpoint.Port);
        var serving = listener.GetContextAsync();
        using var http = new HttpClient();
        var answer = http.GetAsync(new Uri(endpoint, "feed"));
        var context = await serving;
        Assert.Equal("/feed", context.Request.Url!.AbsolutePath);
        context.Response.StatusCode = (int)HttpStatusCode.NoContent;
        context.Response.Close();
        using var response = await answer;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public void Ports_that_stay_taken_end_in_an_error_after_a_bounded_number_of_attempts()
    {
        using var beside = new TcpListener(IPAddress.Loopback, 0);
        beside.Start();
        var taken = ((IPEndPoint)beside.LocalEndpoint).Port;
        var offered = new List<int>();

        Assert.Throws<HttpListenerException>(() => LoopbackHttpListener.Start(() => Offer(offered, taken), out _));
        Assert.Equal(LoopbackHttpListener.Attempts, offered.Count);
    }

    private static int Offer(List<int> offered, int port)
    {
        offered.Add(port);
        return port;
    }
}
