using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Snapsight.Cloud.Aws.Ebs;

namespace Snapsight.AwsFake;

/// <summary>
/// A snapshot the fake serves: a disk image file read as a volume of whole GiB, whose written
/// blocks are the 512 KiB blocks holding any non-zero byte (what EBS lists for a volume whose
/// unwritten parts were never touched), with each block's SHA-256 for ListChangedBlocks.
/// </summary>
public sealed class FakeEbsSnapshot
{
    private static readonly ConcurrentDictionary<string, Lazy<(long, long[], byte[][])>> Scans = new();

    public FakeEbsSnapshot(string id, string imagePath)
    {
        Id = id;
        ImagePath = imagePath;
        (VolumeSizeGiB, WrittenBlocks, BlockHashes) = Scans.GetOrAdd(Path.GetFullPath(imagePath), p => new(() => Scan(p))).Value;
    }

    public string Id { get; }

    public string ImagePath { get; }

    public long VolumeSizeGiB { get; }

    /// <summary>The written block indices, sorted.</summary>
    public long[] WrittenBlocks { get; }

    /// <summary>The SHA-256 of each written block, in the order of <see cref="WrittenBlocks"/>.</summary>
    public byte[][] BlockHashes { get; }

    public byte[] ReadBlock(long index)
    {
        var block = new byte[EbsLimits.BlockSize];
        using var file = File.OpenHandle(ImagePath);
        RandomAccess.Read(file, block, index * EbsLimits.BlockSize);
        return block;
    }

    public byte[]? HashOf(long index)
    {
        var at = Array.BinarySearch(WrittenBlocks, index);
        return at >= 0 ? BlockHashes[at] : null;
    }

    private static (long, long[], byte[][]) Scan(string path)
    {
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        const long gib = 1024L * 1024 * 1024;
        var block = new byte[EbsLimits.BlockSize];
        var written = new List<long>();
        var hashes = new List<byte[]>();
        for (long index = 0; index * EbsLimits.BlockSize < length; index++)
        {
            // Holes of a sparse image are zeros: jump to the block holding the next data.
            var data = NextData(file, index * EbsLimits.BlockSize, length);
            if (data >= length)
            {
                break;
            }

            index = data / EbsLimits.BlockSize;
            Array.Clear(block);
            RandomAccess.Read(file, block, index * EbsLimits.BlockSize);
            if (block.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
            {
                written.Add(index);
                hashes.Add(SHA256.HashData(block));
            }
        }

        return ((length + gib - 1) / gib, [.. written], [.. hashes]);
    }

    /// <summary>lseek SEEK_DATA: where data starts at or after <paramref name="offset"/>; the length when none does.</summary>
    private static long NextData(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset, long length)
    {
        const int seekData = 3;
        var result = LSeek((int)file.DangerousGetHandle(), offset, seekData);
        return result >= 0 ? result : (Marshal.GetLastPInvokeError() == 6 /* ENXIO */ ? length : offset);
    }

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long LSeek(int fd, long offset, int whence);
}
