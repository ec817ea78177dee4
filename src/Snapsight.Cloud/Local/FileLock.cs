namespace Snapsight.Cloud.Local;

/// <summary>
/// An exclusive advisory lock on one file (.NET takes flock(LOCK_EX) for <see cref="FileShare.None"/>), held
/// until disposed. It excludes other processes and other holders in this process alike, and the kernel
/// releases it when its process dies, so a lock that can be taken has no live holder.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private readonly FileStream _stream;

    private FileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock on <paramref name="path"/> (created when missing) is free, then holds it.</summary>
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryAcquire(path) is { } held)
            {
                return held;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Holds the lock on <paramref name="path"/> (created when missing), or answers null when someone else holds it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
