using System.Net;
using System.Net.Sockets;

namespace Snapsight.AwsFake;

/// <summary>
/// Starts an <see cref="HttpListener"/> on a free loopback port. HttpListener cannot bind port 0,
/// so the port is found by binding a socket to 0 and releasing it; a test running beside may take
/// it in between ("address already in use"), and then another port is tried. Every test HTTP server
/// in the test process starts this way (test projects without a reference to this one link the file).
/// </summary>
public static class LoopbackHttpListener
{
    internal const int Attempts = 20;

    public static HttpListener Start(out Uri endpoint) => Start(FreePort, out endpoint);

    /// <summary>Tries the ports <paramref name="ports"/> names, one an attempt: a test hands it a busy one first.</summary>
    internal static HttpListener Start(Func<int> ports, out Uri endpoint)
    {
        for (var attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            endpoint = new Uri($"http://127.0.0.1:{ports()}/");
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException)
            {
                listener.Close();
                if (attempt == Attempts)
                {
                    throw;
                }
            }
        }
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
