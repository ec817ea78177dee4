using Snapsight.Disk.Images;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Reading a small window of a big, mostly empty image must read only a little of the file:
/// metadata pages and the data itself, never whole tables or the whole image.
/// </summary>
public sealed class SparseReadAccountingTests
{
    private const long DiskSize = 2L * 1024 * 1024 * 1024;
    private const long WindowOffset = 1536L * 1024 * 1024 + 4096;
    private const int WindowLength = 64 * 1024;

    [Theory]
    [InlineData(DiskImageFormats.Qcow2, new[] { "-O", "qcow2" })]
    [InlineData(DiskImageFormats.Qcow2, new[] { "-O", "qcow2", "-c" })]
    [InlineData(DiskImageFormats.VmdkMonolithicSparse, new[] { "-O", "vmdk", "-o", "subformat=monolithicSparse" })]
    [InlineData(DiskImageFormats.VmdkStreamOptimized, new[] { "-O", "vmdk", "-o", "subformat=streamOptimized" })]
    [InlineData(DiskImageFormats.VhdDynamic, new[] { "-O", "vpc", "-o", "subformat=dynamic,force_size=on" })]
    [InlineData(DiskImageFormats.Vhdx, new[] { "-O", "vhdx" })]
    public async Task Reading_a_window_of_a_sparse_image_reads_little_of_the_file(string format, string[] options)
    {
        using var dir = new TempDirectory();
        var raw = dir.File("source.raw");
        var data = new byte[256 * 1024];
        new Random(11).NextBytes(data);
        using (var file = File.Create(raw))
        {
            file.SetLength(DiskSize); // sparse: qemu-img skips the holes
            file.Position = WindowOffset - 4096;
            file.Write(data);
            file.Position = 0;
            file.Write(data);
        }

        var image = dir.File("disk.img");
        TestImages.Convert(raw, image, options);

        using var opened = await DiskImage.OpenAsync(image);
        Assert.Equal(format, opened.Format);
        Assert.Equal(DiskSize, opened.Device.Length);
        var before = opened.Container.Statistics.BytesRead;
        var window = new byte[WindowLength];
        Assert.Equal(WindowLength, await opened.Device.ReadAsync(WindowOffset, window));
        Assert.Equal(data.AsSpan(4096, WindowLength).ToArray(), window);
        var hole = new byte[WindowLength];
        Assert.Equal(WindowLength, await opened.Device.ReadAsync(DiskSize / 3, hole));
        Assert.All(hole, b => Assert.Equal(0, b));

        var read = opened.Container.Statistics.BytesRead - before;
        Assert.True(read <= 512 * 1024, $"reading two 64 KiB windows read {read} bytes of the {new FileInfo(image).Length}-byte file");
        Assert.Equal(2L * WindowLength, opened.Device.Statistics.BytesRead);
    }
}
