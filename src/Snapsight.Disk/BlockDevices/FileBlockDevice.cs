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
            return new FileBlockDevice(path, handle, LengthOf(path, handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A regular file's length, or a block device's (a snapshot volume attached to the scanner):
    /// stat says 0 for a device, and Linux gives its size in 512-byte sectors in sysfs.
    /// </summary>
    private static long LengthOf(string path, SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        if (length != 0)
        {
            return length;
        }

        var device = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        var sectors = System.IO.Path.Combine("/sys/class/block", System.IO.Path.GetFileName(device), "size");
        return File.Exists(sectors) && long.TryParse(File.ReadAllText(sectors).Trim(), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var count) && count <= long.MaxValue / 512
            ? count * 512
            : 0;
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
