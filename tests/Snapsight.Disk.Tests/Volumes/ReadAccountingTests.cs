using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Disk.Tests.Volumes;

/// <summary>
/// "Read as little as possible": finding the root of a 2 GiB Debian disk and reading the
/// package database and os-release must cost less than 1 MiB of the image.
/// </summary>
public sealed class ReadAccountingTests
{
    [Theory]
    [InlineData("root-ext4.img")]
    [InlineData("root-xfs.img")]
    [InlineData("gpt-disk.qcow2")]
    public async Task Reading_the_package_database_reads_under_a_mebibyte(string image)
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path(image));
        var tree = inspection.Assembly!.Tree;
        long total = 0;
        foreach (var path in new[] { "/var/lib/dpkg/status", "/etc/os-release" })
        {
            await using var stream = await tree.OpenReadAsync(path);
            total += await DrainAsync(stream);
        }

        var status = new FileInfo(DebianImages.Path("rootfs/var/lib/dpkg/status")).Length;
        Assert.True(total > status, "the files were not read");
        var read = inspection.Container.Statistics.BytesRead;
        Assert.True(read < 1024 * 1024, $"read {read} bytes of {inspection.Container.Length} to get {total} bytes of files");
    }

    private static async Task<long> DrainAsync(Stream stream)
    {
        var buffer = new byte[65536];
        long total = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }
}
