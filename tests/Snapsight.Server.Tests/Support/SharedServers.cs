using System.Collections.Concurrent;
using Snapsight.Control.Persistence;

namespace Snapsight.Server.Tests.Support;

/// <summary>
/// One server per database for the tests that need nothing special: each such test works in a
/// subscription of its own (<see cref="TestTenant"/>), so they share a server without seeing each other.
/// </summary>
public static class SharedServers
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<RunningServer>>> Servers = new();

    public static Task<RunningServer> For(DatabaseProvider provider) =>
        Servers.GetOrAdd(provider, p => new Lazy<Task<RunningServer>>(() => RunningServer.StartAsync(p))).Value;
}
