using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Snapsight.Cloud.Local;

/// <summary>
/// Point-in-time copies of volume image files that cost little: a reflink (the FICLONE ioctl: the
/// copy shares the source's extents until either is written) where the file system supports it,
/// else a sparse copy that walks the source's data extents with SEEK_DATA/SEEK_HOLE and leaves
/// its holes as holes. Either way the destination is flushed before this returns.
/// </summary>
internal static partial class FileCloner
{
    /// <summary>_IOW(0x94, 9, int) from linux/fs.h.</summary>
    private const uint Ficlone = 0x40049409;
    private const int SeekData = 3;
    private const int SeekHole = 4;
    private const int CopyChunk = 1 << 20;
    private const int Enxio = 6;

    public enum Method
    {
        Reflink,
        SparseCopy,
    }

    /// <summary>Copies <paramref name="source"/> to the new file <paramref name="destination"/>; says how.</summary>
    public static Method Copy(string source, string destination, CancellationToken cancellationToken)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        var method = OperatingSystem.IsLinux() && TryReflink(input, output) ? Method.Reflink : Method.SparseCopy;
        if (method == Method.SparseCopy)
        {
            SparseCopy(input, output, cancellationToken);
        }

        RandomAccess.FlushToDisk(output);
        return method;
    }

    private static bool TryReflink(SafeFileHandle input, SafeFileHandle output)
    {
        // Any failure (EOPNOTSUPP on ext4, EXDEV across file systems, EINVAL) means: copy instead.
        return Ioctl((int)output.DangerousGetHandle(), Ficlone, (int)input.DangerousGetHandle()) == 0;
    }

    private static void SparseCopy(SafeFileHandle input, SafeFileHandle output, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(input);
        RandomAccess.SetLength(output, length); // all hole until data is written
        var buffer = new byte[CopyChunk];
        var fd = (int)input.DangerousGetHandle();
        var offset = 0L;
        while (offset < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dataStart = Seek(fd, offset, SeekData, length);
            if (dataStart >= length)
            {
                break;
            }

            var dataEnd = Math.Min(Seek(fd, dataStart, SeekHole, length), length);
            CopyRange(input, output, buffer, dataStart, dataEnd, cancellationToken);
            offset = dataEnd; // dataEnd > dataStart: SEEK_HOLE from data never answers the same offset
        }
    }

    private static void CopyRange(SafeFileHandle input, SafeFileHandle output, byte[] buffer, long start, long end, CancellationToken cancellationToken)
    {
        for (var at = start; at < end;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read == 0)
            {
                return; // the source shrank while being copied
            }

            RandomAccess.Write(output, buffer.AsSpan(0, read), at);
            at += read;
        }
    }

    /// <summary>
    /// lseek with SEEK_DATA/SEEK_HOLE. ENXIO means no data past the offset; any other failure (a
    /// system without them) treats the rest of the file as data, which is a plain copy.
    /// </summary>
    private static long Seek(int fd, long offset, int whence, long length)
    {
        var result = OperatingSystem.IsLinux() ? LSeek(fd, offset, whence) : -1;
        if (result >= 0)
        {
            return result;
        }

        var noMoreData = OperatingSystem.IsLinux() && Marshal.GetLastPInvokeError() == Enxio;
        return whence == SeekData && !noMoreData ? offset : length;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, int sourceFd);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(int fd, long offset, int whence);
}
