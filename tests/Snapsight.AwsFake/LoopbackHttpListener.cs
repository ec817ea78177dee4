using System.Net;
using System.Net.Sockets;

namespace Snapsight.AwsFake;

/// <summary>
/// Starts an <see cref="HttpListener"/> on a free loopback port. HttpListener cannot bind port 0,
/// so the port is found by binding a socket to 0 and releasing it; a test running beside may take
/// it in between ("address already in use"), and then another port is tried.
/// </summary>
public static class LoopbackHttpListener
{
    private const int Attempts = 20;

    public static HttpListener Start(out Uri endpoint)
    {
        for (var attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < Attempts)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
