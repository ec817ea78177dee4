namespace Snapsight.Cloud.Local;

/// <summary>
/// An exclusive lock on one instance's volumes (an advisory lock on <c>instance.lock</c> in its
/// directory; .NET takes flock(LOCK_EX) for <see cref="FileShare.None"/>). Snapshot sets copy every
/// volume while holding it and writers that want crash-consistent sets take it too, so a set is
/// one point in time across processes.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "instance.lock";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly FileStream _stream;

    private InstanceLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock on <paramref name="instanceDirectory"/> is free, then holds it.</summary>
    public static async Task<InstanceLock> AcquireAsync(string instanceDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(instanceDirectory, FileName);
        while (true)
        {
            try
            {
                return new InstanceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another writer or snapshot: wait for it (a dead process's flock is released by the kernel).
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
