namespace Snapsight.Cloud.Local;

/// <summary>
/// An exclusive lock on one instance's volumes (a <see cref="FileLock"/> on <c>instance.lock</c> in its
/// directory). Snapshot sets copy every volume while holding it and writers that want crash-consistent
/// sets take it too, so a set is one point in time across processes.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "instance.lock";

    private readonly FileLock _held;

    private InstanceLock(FileLock held)
    {
        _held = held;
    }

    /// <summary>Waits until the lock on <paramref name="instanceDirectory"/> is free, then holds it.</summary>
    public static async Task<InstanceLock> AcquireAsync(string instanceDirectory, CancellationToken cancellationToken) =>
        new(await FileLock.AcquireAsync(Path.Combine(instanceDirectory, FileName), cancellationToken).ConfigureAwait(false));

    public void Dispose() => _held.Dispose();
}
