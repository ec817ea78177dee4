using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>Opening a file system and reading one small file by path must touch only a few blocks.</summary>
public sealed class XfsReadAccountingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(300)]
    [InlineData(2048)]
    public async Task Looking_up_and_reading_one_file_reads_under_256_KiB(int sizeMiB)
    {
        using var temp = new TempDirectory();
        var tree = temp.File("tree");
        var status = Path.Combine(tree, "var", "lib", "dpkg");
        Directory.CreateDirectory(status);
        File.WriteAllText(Path.Combine(status, "status"), "Package: base-files\nStatus: install ok installed\n");
        for (var i = 0; i < 200; i++)
        {
            File.WriteAllText(Path.Combine(status, $"neighbour-{i}"), new string('x', 5000));
        }

        Directory.CreateDirectory(Path.Combine(tree, "etc"));
        File.WriteAllText(Path.Combine(tree, "etc", "os-release"), "ID=debian\n");
        var image = temp.File("fs.img");
        XfsTestImage.Make(image, tree, sizeMiB);

        using var device = FileBlockDevice.Open(image);
        using IFileSystem fs = await XfsFileSystem.OpenAsync(device);
        var node = fs.RootNode;
        foreach (var name in new[] { "var", "lib", "dpkg", "status" })
        {
            var entry = await fs.FindEntryAsync(node, name);
            Assert.NotNull(entry);
            node = entry.Value.Node;
        }

        await using var stream = await fs.OpenReadAsync(node);
        using var reader = new StreamReader(stream);
        Assert.StartsWith("Package: base-files", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        output.WriteLine($"{sizeMiB} MiB image: {device.Statistics}");
        Assert.True(device.Statistics.BytesRead < 256 * 1024, $"read {device.Statistics} from a {sizeMiB} MiB device");
    }
}
