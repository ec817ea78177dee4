using Snapsight.Disk.BlockDevices;
using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>Builds source disks and converts them with the real qemu-img, the oracle for every format.</summary>
internal static class TestImages
{
    /// <summary>3 MiB and 7 sectors: not a multiple of any cluster, grain or block size.</summary>
    public const int OddSize = 3 * 1024 * 1024 + 7 * 512;

    /// <summary>
    /// Writes a raw disk of random bytes with zero runs (aligned to clusters, and not) so that
    /// converters leave some clusters unallocated, and a compressible stretch for -c.
    /// </summary>
    public static byte[] WriteRaw(string path, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        ZeroRange(bytes, 256 * 1024, 1024 * 1024);
        ZeroRange(bytes, 2 * 1024 * 1024 + 100, 70_000);
        ZeroRange(bytes, size - 5000, 5000);
        // A stretch of repetitive text compresses well, so compressed formats keep it compressed.
        var text = "Snapsight reads disk images lazily. "u8;
        for (var at = 1_400_000; at < Math.Min(size, 1_600_000); at++)
        {
            bytes[at] = text[at % text.Length];
        }

        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    /// <summary><c>qemu-img convert -f raw RAW -O FORMAT [options] OUT</c>.</summary>
    public static void Convert(string raw, string output, params string[] formatAndOptions) =>
        Tool.Run("qemu-img", ["convert", "-f", "raw", raw, .. formatAndOptions, output], null, null);

    /// <summary>
    /// The virtual size qemu-img reports for an image. qemu 7.2's vpc driver reports a fixed VHD's
    /// whole file (data and 512-byte footer) as its virtual size, yet converts back exactly the
    /// footer's current_size bytes; for that format the converted-back length is the oracle.
    /// </summary>
    public static long VirtualSize(string image, string format)
    {
        if (format == Snapsight.Disk.Images.DiskImageFormats.VhdFixed)
        {
            var back = image + ".back.raw";
            Tool.Run("qemu-img", "convert", "-f", "vpc", "-O", "raw", image, back);
            var length = new FileInfo(back).Length;
            File.Delete(back);
            return length;
        }


        using var json = JsonDocument.Parse(Tool.Run("qemu-img", "info", "--output=json", image));
        return json.RootElement.GetProperty("virtual-size").GetInt64();
    }

    public static byte[] ReadAll(IBlockDevice device, int chunk = 1 << 20)
    {
        var bytes = new byte[device.Length];
        for (long at = 0; at < bytes.Length; at += chunk)
        {
            var length = (int)Math.Min(chunk, bytes.Length - at);
            var n = device.ReadAsync(at, bytes.AsMemory((int)at, length)).AsTask().GetAwaiter().GetResult();
            Assert.Equal(length, n);
        }

        return bytes;
    }

    private static void ZeroRange(byte[] bytes, int start, int length)
    {
        start = Math.Min(start, bytes.Length);
        bytes.AsSpan(start, Math.Min(length, bytes.Length - start)).Clear();
    }
}
