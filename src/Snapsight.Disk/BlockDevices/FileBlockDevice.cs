using Microsoft.Win32.SafeHandles;

namespace Snapsight.Disk.BlockDevices;

/// <summary>A regular file (a raw image, or the container of an image format) read positionally.</summary>
public sealed class FileBlockDevice : IBlockDevice
{
    private readonly SafeFileHandle _handle;

    private FileBlockDevice(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        Length = length;
    }

    public string Path { get; }

    public long Length { get; }

    public int BlockSize => 4096;

    public ReadStatistics Statistics { get; } = new();

    /// <summary>Opens <paramref name="path"/> read-only; a missing or unreadable file throws <see cref="IOException"/>.</summary>
    public static FileBlockDevice Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            return new FileBlockDevice(path, handle, RandomAccess.GetLength(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        if (length == 0)
        {
            return ValueTask.FromResult(0);
        }

        // Local files answer quickly; a synchronous positional read avoids a thread-pool hop per block.
        var done = 0;
        while (done < length)
        {
            var n = RandomAccess.Read(_handle, buffer.Span[done..length], offset + done);
            if (n == 0)
            {
                break; // the file shrank under us
            }

            done += n;
        }

        Statistics.Record(done);
        return ValueTask.FromResult(done);
    }

    public void Dispose() => _handle.Dispose();
}
