using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Snapsight.Control.Persistence;

namespace Snapsight.Server.Tests.Support;

/// <summary>
/// One server per database whose clock is a <see cref="FakeTimeProvider"/>, for the schedule and
/// discovery tests. The clock only moves forward and every test measures from its own marks, but
/// the tests that move it share <see cref="Collection"/>, so none moves it under another.
/// </summary>
public static class FakeClockServers
{
    public const string Collection = "fake clock";

    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<(RunningServer, FakeTimeProvider)>>> Servers = new();

    public static Task<(RunningServer Server, FakeTimeProvider Clock)> For(DatabaseProvider provider) =>
        Servers.GetOrAdd(provider, p => new Lazy<Task<(RunningServer, FakeTimeProvider)>>(async () =>
        {
            // Real time to start with, so access tokens issued now are valid for their usual minutes.
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var server = await RunningServer.StartAsync(p, overrides: services => services.AddSingleton<TimeProvider>(clock));
            return (server, clock);
        })).Value;
}

[CollectionDefinition(FakeClockServers.Collection)]
public sealed class FakeClockCollection;
