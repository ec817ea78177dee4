using Snapsight.Cloud.Local;

namespace Snapsight.Server.Tests.Scans;

/// <summary>Snapshots of a local cloud, counted on disk (not through the provider), so a leak the provider hides still shows.</summary>
public static class LocalSnapshots
{
    /// <summary>Every snapshot in every account and region of the cloud.</summary>
    public static int OnDisk(LocalLayout layout) => layout.AccountIds()
        .SelectMany(account => Directory.Exists(layout.RegionsDirectory(account)) ? Directory.EnumerateDirectories(layout.RegionsDirectory(account)) : [])
        .Select(region => Path.Combine(region, "snapshots"))
        .Where(Directory.Exists)
        .Sum(snapshots => Directory.EnumerateDirectories(snapshots).Count(d => Path.GetFileName(d).StartsWith("snap-", StringComparison.Ordinal)));
}
