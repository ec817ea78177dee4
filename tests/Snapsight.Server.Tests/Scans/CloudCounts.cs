using System.Collections.Concurrent;

namespace Snapsight.Server.Tests.Scans;

/// <summary>Snapshot sets the provider made, per run (the run tag they carried), across every restart of the engine.</summary>
public sealed class CloudCounts
{
    private readonly ConcurrentDictionary<Guid, int> _sets = new();

    public IReadOnlyDictionary<Guid, int> SetsPerRun => _sets;

    public int Sets => _sets.Values.Sum();

    public void SetCreated(Guid? run) => _sets.AddOrUpdate(run ?? Guid.Empty, 1, (_, n) => n + 1);
}
