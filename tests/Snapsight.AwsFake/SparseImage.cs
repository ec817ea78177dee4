using Snapsight.Cloud.Aws.Ebs;

namespace Snapsight.AwsFake;

/// <summary>
/// A sparse 1 GiB image file with random data at the start of chosen 512 KiB blocks (4 KiB each,
/// to keep the file small) and nothing anywhere else: the written blocks are known from how it
/// was made, an oracle independent of the fake's scan.
/// </summary>
public sealed class SparseImage : IDisposable
{
    public const long Size = 1024L * 1024 * 1024;

    private const int Head = 4096;

    private SparseImage(string path, long[] written)
    {
        Path = path;
        Written = written;
    }

    public string Path { get; }

    public long[] Written { get; }

    public static SparseImage Create(string path, IEnumerable<long> blocks, int seed)
    {
        var random = new Random(seed);
        var written = blocks.Distinct().Order().ToArray();
        using (var file = File.Create(path))
        {
            file.SetLength(Size);
            var block = new byte[Head];
            foreach (var index in written)
            {
                random.NextBytes(block);
                block[0] = 1; // never all zeros
                file.Position = index * EbsLimits.BlockSize;
                file.Write(block);
            }
        }

        return new SparseImage(path, written);
    }

    /// <summary>A copy with <paramref name="rewrite"/> given new data and <paramref name="erase"/> zeroed.</summary>
    public SparseImage Change(string path, IEnumerable<long> rewrite, IEnumerable<long> erase, int seed)
    {
        File.Copy(Path, path);
        var random = new Random(seed);
        var block = new byte[Head];
        using (var file = File.OpenWrite(path))
        {
            foreach (var index in rewrite)
            {
                random.NextBytes(block);
                block[0] = 2;
                file.Position = index * EbsLimits.BlockSize;
                file.Write(block);
            }

            Array.Clear(block);
            foreach (var index in erase)
            {
                file.Position = index * EbsLimits.BlockSize;
                file.Write(block);
            }
        }

        var erased = erase.ToHashSet();
        return new SparseImage(path, [.. Written.Concat(rewrite).Where(b => !erased.Contains(b)).Distinct().Order()]);
    }

    public byte[] Read(long offset, int length)
    {
        var bytes = new byte[length];
        using var file = File.OpenHandle(Path);
        RandomAccess.Read(file, bytes, offset);
        return bytes;
    }

    public void Dispose() => File.Delete(Path);
}
