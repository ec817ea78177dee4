using System.Collections.Concurrent;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

public sealed partial class LocalCloudProvider
{
    /// <summary>Staging directories this object has cleared of a dead process's leftovers at least once.</summary>
    private readonly ConcurrentDictionary<string, bool> _recoveredStaging = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes the region's staging lock for a creation or deletion (waiting for another process's), then removes
    /// whatever is in staging: with the lock free, nobody was working there, so it is what a killed process left.
    /// </summary>
    private async Task<FileLock> EnterStagingAsync(CloudScope scope, CancellationToken cancellationToken)
    {
        var staging = Layout.StagingDirectory(scope);
        Directory.CreateDirectory(staging);
        var held = await FileLock.AcquireAsync(Layout.StagingLockFile(scope), cancellationToken).ConfigureAwait(false);
        try
        {
            RemoveLeftovers(staging);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first time this object lists a region, clears its staging as <see cref="EnterStagingAsync"/> does, unless
    /// someone is working there now (who clears it anyway); so a restarted server's first sweep leaves no leftover.
    /// </summary>
    private void RecoverStagingOnce(CloudScope scope)
    {
        var staging = Layout.StagingDirectory(scope);
        if (_recoveredStaging.ContainsKey(staging) || !Directory.Exists(staging))
        {
            return;
        }

        using var held = FileLock.TryAcquire(Layout.StagingLockFile(scope));
        if (held is not null)
        {
            RemoveLeftovers(staging);
        }
    }

    private void RemoveLeftovers(string staging)
    {
        foreach (var directory in Directory.GetDirectories(staging))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var file in Directory.GetFiles(staging))
        {
            File.Delete(file);
        }

        _recoveredStaging.TryAdd(staging, true);
    }
}
