using CsCheck;
using Snapsight.Disk.Images;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Every format, written by qemu-img from the same raw disk, must read back as exactly that
/// disk: whole, and at random offsets and lengths; its length must be the virtual size qemu-img
/// reports, and the detected format the one written.
/// </summary>
public sealed class ImageFormatReadTests
{
    public static TheoryData<string, string[]> Formats => new()
    {
        { DiskImageFormats.Qcow2, ["-O", "qcow2"] },
        { DiskImageFormats.Qcow2, ["-O", "qcow2", "-o", "compat=0.10"] },
        { DiskImageFormats.Qcow2, ["-O", "qcow2", "-c"] },
        { DiskImageFormats.Qcow2, ["-O", "qcow2", "-c", "-o", "compat=0.10,cluster_size=4096"] },
        { DiskImageFormats.Qcow2, ["-O", "qcow2", "-o", "cluster_size=2M"] },
        { DiskImageFormats.VmdkMonolithicSparse, ["-O", "vmdk", "-o", "subformat=monolithicSparse"] },
        { DiskImageFormats.VmdkStreamOptimized, ["-O", "vmdk", "-o", "subformat=streamOptimized"] },
        { DiskImageFormats.VmdkMonolithicFlat, ["-O", "vmdk", "-o", "subformat=monolithicFlat"] },
        { DiskImageFormats.VhdFixed, ["-O", "vpc", "-o", "subformat=fixed,force_size=on"] },
        { DiskImageFormats.VhdDynamic, ["-O", "vpc", "-o", "subformat=dynamic,force_size=on"] },
        { DiskImageFormats.Vhdx, ["-O", "vhdx"] },
        { DiskImageFormats.Vhdx, ["-O", "vhdx", "-o", "block_size=1M,log_size=1M"] },
        { DiskImageFormats.Raw, ["-O", "raw"] },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Image_reads_back_as_the_raw_disk_it_was_converted_from(string expectedFormat, string[] options)
    {
        using var dir = new TempDirectory();
        var source = TestImages.WriteRaw(dir.File("source.raw"), TestImages.OddSize, seed: options.Length);
        var image = dir.File("disk.img");
        TestImages.Convert(dir.File("source.raw"), image, options);

        using var opened = await DiskImage.OpenAsync(image);
        Assert.Equal(expectedFormat, opened.Format);
        Assert.Equal(TestImages.VirtualSize(image, expectedFormat), opened.Device.Length);
        Assert.Equal(source.Length, opened.Device.Length);
        Assert.True(source.AsSpan().SequenceEqual(TestImages.ReadAll(opened.Device)), "whole-disk read differs from the source");

        Gen.Select(Gen.Int[0, source.Length + 1000], Gen.Int[0, 300_000]).Sample((offset, count) =>
        {
            var buffer = new byte[count];
            var n = opened.Device.ReadAsync(offset, buffer).AsTask().GetAwaiter().GetResult();
            var expected = Math.Max(0, Math.Min(count, source.Length - offset));
            Assert.Equal(expected, n);
            Assert.True(source.AsSpan(Math.Min(offset, source.Length), n).SequenceEqual(buffer.AsSpan(0, n)), $"bytes differ at {offset}+{count}");
        }, iter: 200);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Parallel_reads_return_the_same_bytes_as_the_source(string expectedFormat, string[] options)
    {
        using var dir = new TempDirectory();
        var source = TestImages.WriteRaw(dir.File("source.raw"), 1024 * 1024 + 512, seed: 7);
        var image = dir.File("disk.img");
        TestImages.Convert(dir.File("source.raw"), image, options);

        using var opened = await DiskImage.OpenAsync(image);
        Assert.Equal(expectedFormat, opened.Format);
        var chunks = Enumerable.Range(0, 64).Select(i => (Offset: (long)i * 16_411 % source.Length, Length: 20_000)).ToArray();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, ct) =>
        {
            var buffer = new byte[chunk.Length];
            var n = await opened.Device.ReadAsync(chunk.Offset, buffer, ct);
            Assert.True(source.AsSpan((int)chunk.Offset, n).SequenceEqual(buffer.AsSpan(0, n)));
        });
    }

    [Fact]
    public async Task Stream_optimized_vmdk_with_its_grain_directory_in_the_footer_reads_back()
    {
        using var dir = new TempDirectory();
        var source = TestImages.WriteRaw(dir.File("source.raw"), TestImages.OddSize, seed: 9);
        var image = dir.File("disk.vmdk");
        TestImages.Convert(dir.File("source.raw"), image, "-O", "vmdk", "-o", "subformat=streamOptimized");
        HostileImages.MoveGrainDirectoryToFooter(image);

        using var opened = await DiskImage.OpenAsync(image);
        Assert.Equal(DiskImageFormats.VmdkStreamOptimized, opened.Format);
        Assert.True(source.AsSpan().SequenceEqual(TestImages.ReadAll(opened.Device)));
    }

    [Fact]
    public async Task Dirty_qcow2_is_read_as_written_and_reported_dirty()
    {
        using var dir = new TempDirectory();
        var source = TestImages.WriteRaw(dir.File("source.raw"), 1024 * 1024, seed: 4);
        var image = dir.File("disk.qcow2");
        TestImages.Convert(dir.File("source.raw"), image, "-O", "qcow2");
        HostileImages.WriteU64BigEndian(image, 72, 1); // incompatible_features: dirty, as after a crash with lazy refcounts

        using var container = Snapsight.Disk.BlockDevices.FileBlockDevice.Open(image);
        using var device = await Snapsight.Disk.Images.Qcow2.Qcow2BlockDevice.OpenAsync(container);
        Assert.True(device.Dirty);
        Assert.True(source.AsSpan().SequenceEqual(TestImages.ReadAll(device)));
    }
}
