using System.Text.Json;
using Snapsight.Disk.Tests.FileSystems.Ntfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests;

/// <summary>
/// A GPT disk whose only partition is NTFS, formatted by mkntfs and populated through ntfs-3g:
/// with \Windows\System32 (a Windows volume) and without. Whether the directory exists is what
/// ntfs-3g's ntfsinfo says; `disk` and `inventory` must name the gap accordingly, and inventory
/// must still report (no OS) rather than refuse the disk.
/// </summary>
public sealed class WindowsDiskTests : IDisposable
{
    private const string WindowsGap = "NTFS volume holding Windows (\\Windows\\System32 found): Windows is not inventoried yet";
    private const string PlainGap = "NTFS volume (no Windows directory found): NTFS volumes are not read yet";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Disk_and_inventory_name_the_ntfs_volume_by_what_it_holds(bool withWindows)
    {
        var fileSystem = NtfsTestImage.Build(_temp, 32, 4096, 512, root =>
        {
            if (withWindows)
            {
                NtfsTestImage.PopulateWindowsTree(root, 150);
            }
            else
            {
                Directory.CreateDirectory(Path.Combine(root, "Users", "Public"));
            }
        });
        Assert.Equal(withWindows, HasSystem32(fileSystem.Path));
        var disk = _temp.File("windows.img");
        using (var file = File.Create(disk))
        {
            file.SetLength(40L << 20);
        }

        Tool.Run("sfdisk", ["-q", "--no-reread", "--no-tell-kernel", disk], "label: gpt\nstart=2048, size=65536, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n", null);
        Tool.Run("dd", $"if={fileSystem.Path}", $"of={disk}", "bs=512", "seek=2048", "conv=notrunc,sparse", "status=none");
        var expected = withWindows ? WindowsGap : PlainGap;

        var diskReport = SnapsightProcess.Run("disk", disk);
        Assert.Equal(0, diskReport.ExitCode);
        Assert.Contains(expected, diskReport.Text, StringComparison.Ordinal);

        var inventory = SnapsightProcess.Run("inventory", disk, "--format", "json");
        if (!withWindows)
        {
            // Nothing readable and no Windows: there is still nothing to inventory, as before.
            Assert.Equal(2, inventory.ExitCode);
            return;
        }

        Assert.Equal(0, inventory.ExitCode);
        using var json = JsonDocument.Parse(inventory.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("os").ValueKind);
        Assert.Empty(json.RootElement.GetProperty("packages").EnumerateArray());
        Assert.Contains(json.RootElement.GetProperty("gaps").EnumerateArray(),
            g => g.GetProperty("where").GetString() == "p1" && g.GetProperty("reason").GetString() == WindowsGap);

        var table = SnapsightProcess.Run("inventory", disk);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(WindowsGap, table.Text, StringComparison.Ordinal);
    }

    /// <summary>ntfs-3g's own lookup: ntfsinfo dumps the inode only when the path exists (it exits 0 either way).</summary>
    private static bool HasSystem32(string image) =>
        Tool.Run("ntfsinfo", "-F", "/Windows/System32", image).Contains("Dumping Inode ", StringComparison.Ordinal);
}
