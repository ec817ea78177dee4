using CsCheck;
using Snapsight.Disk.Images;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Compressed formats warm hinted units on a worker. Whatever the hints, and while hints and reads race, every read
/// returns the bytes of the raw disk qemu-img converted the image from; a hint at a corrupt unit changes nothing about the
/// error its read reports.
/// </summary>
public sealed class PrefetchedImageReadTests
{
    public static TheoryData<string, string[]> CompressedFormats => new()
    {
        { DiskImageFormats.VmdkStreamOptimized, ["-O", "vmdk", "-o", "subformat=streamOptimized"] },
        { DiskImageFormats.Qcow2, ["-O", "qcow2", "-c"] },
        { DiskImageFormats.Qcow2, ["-O", "qcow2", "-c", "-o", "cluster_size=4096"] },
    };

    [Theory]
    [MemberData(nameof(CompressedFormats))]
    public async Task Reads_with_random_hints_racing_them_return_the_raw_bytes(string format, string[] options)
    {
        using var dir = new TempDirectory();
        var source = TestImages.WriteRaw(dir.File("source.raw"), TestImages.OddSize, seed: 5);
        var image = dir.File("disk.img");
        TestImages.Convert(dir.File("source.raw"), image, options);

        var range = Gen.Select(Gen.Long[-1000, source.Length + 1000], Gen.Int[0, 300_000]);
        var operation = Gen.Select(Gen.Bool, range);
        operation.Array[1, 40].Sample(operations =>
        {
            // A fresh image each time: an empty cache, so hinted units are inflated by the worker while reads ask for them.
            using var opened = DiskImage.OpenAsync(image).GetAwaiter().GetResult();
            Assert.Equal(format, opened.Format);
            Prime(opened.Device);
            var hinter = Task.Run(() =>
            {
                foreach (var (isHint, (offset, length)) in operations)
                {
                    if (isHint)
                    {
                        opened.Device.Prefetch(offset, length);
                    }
                }
            });
            Parallel.ForEach(operations.Where(o => !o.Item1), new ParallelOptions { MaxDegreeOfParallelism = 3 }, o =>
            {
                var (offset, length) = o.Item2;
                if (offset < 0)
                {
                    return;
                }

                opened.Device.Prefetch(offset + length, length);
                var buffer = new byte[length];
                var n = opened.Device.ReadAsync(offset, buffer).AsTask().GetAwaiter().GetResult();
                var expected = (int)Math.Max(0, Math.Min(length, source.Length - offset));
                Assert.Equal(expected, n);
                Assert.True(source.AsSpan((int)Math.Min(offset, source.Length), n).SequenceEqual(buffer.AsSpan(0, n)), $"bytes differ at {offset}+{length}");
            });
            hinter.GetAwaiter().GetResult();
        }, iter: 60);
    }

    [Fact]
    public async Task A_hinted_corrupt_grain_reads_as_the_same_error_as_an_unhinted_one()
    {
        using var dir = new TempDirectory();
        TestImages.WriteRaw(dir.File("source.raw"), TestImages.OddSize, seed: 3);
        var image = dir.File("disk.vmdk");
        TestImages.Convert(dir.File("source.raw"), image, "-O", "vmdk", "-o", "subformat=streamOptimized");
        var bytes = await File.ReadAllBytesAsync(image);
        // The first grain marker follows the header, descriptor and metadata; damage the deflate bytes right after it.
        var firstGrain = FirstGrainMarker(bytes);
        bytes.AsSpan(firstGrain + 12 + 2, 64).Fill(0xFF);
        await File.WriteAllBytesAsync(image, bytes);

        string Error(bool hinted)
        {
            using var opened = DiskImage.OpenAsync(image).GetAwaiter().GetResult();
            if (hinted)
            {
                Prime(opened.Device);
                opened.Device.Prefetch(0, opened.Device.Length);
                Thread.Sleep(100);
            }

            return Assert.ThrowsAny<DiskFormatException>(() => opened.Device.ReadAsync(0, new byte[4096]).AsTask().GetAwaiter().GetResult()).Message;
        }

        Assert.Equal(Error(hinted: false), Error(hinted: true));
    }

    /// <summary>
    /// Hints are followed once a read has met a compressed unit: read one in the repetitive text that
    /// <see cref="TestImages.WriteRaw"/> writes at 1.4 MB, which every converter keeps compressed.
    /// </summary>
    private static void Prime(Snapsight.Disk.BlockDevices.IBlockDevice device) =>
        device.ReadAsync(1_500_000, new byte[16]).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// The first grain marker: the first sector-aligned place after the header whose marker names lba 0 and a non-zero
    /// size followed by a zlib header (VMDK 5.0 "Stream-Optimized Compressed Sparse Extents"; qemu-img writes grain 0 first).
    /// </summary>
    private static int FirstGrainMarker(byte[] bytes)
    {
        for (var at = 512; at + 14 < bytes.Length; at += 512)
        {
            if (BitConverter.ToUInt64(bytes, at) == 0 && BitConverter.ToUInt32(bytes, at + 8) is > 0 and < 200_000 && bytes[at + 12] == 0x78)
            {
                return at;
            }
        }

        throw new InvalidOperationException("no grain marker found");
    }
}
