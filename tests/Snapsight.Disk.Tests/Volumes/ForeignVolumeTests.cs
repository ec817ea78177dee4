using Snapsight.Disk.Tests.Partitions;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Disk.Tests.Volumes;

/// <summary>
/// Volumes Snapsight does not read yet, made by their own tools, must be recognised and named
/// as gaps, not dropped as "empty" (btrfs leaves its first 64 KiB blank) or misread; swap is
/// recognised and is not a gap.
/// </summary>
public sealed class ForeignVolumeTests
{
    [Fact]
    public async Task Btrfs_ntfs_and_swap_partitions_are_recognised_by_their_own_signatures()
    {
        using var directory = new TempDirectory();
        var disk = SfdiskOracle.CreateDisk(directory, "foreign.img", 400L << 20, """
            label: gpt
            start=2048, size=262144, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4
            size=65536, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7
            size=32768, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F
            """);
        var partitions = SfdiskOracle.Read(disk).Partitions;
        Place(directory, disk, partitions[0].Start, partitions[0].Size, "btrfs.img", image => Tool.Run("mkfs.btrfs", "-q", "-f", image));
        Place(directory, disk, partitions[1].Start, partitions[1].Size, "ntfs.img", image => Tool.Run("mkntfs", "-q", "-F", "-f", image));
        Place(directory, disk, partitions[2].Start, partitions[2].Size, "swap.img", image => Tool.Run("mkswap", image));

        using var inspection = await DiskInspector.InspectAsync(disk);

        var byName = inspection.Volumes.ToDictionary(v => v.Name);
        Assert.Equal(VolumeContent.Btrfs, byName["p1"].Content);
        Assert.Equal(VolumeContent.Ntfs, byName["p2"].Content);
        Assert.Equal(VolumeContent.Swap, byName["p3"].Content);
        Assert.Contains(inspection.Gaps, g => g.Where == "p1" && g.Reason.Contains("btrfs", StringComparison.Ordinal));
        // A fresh mkntfs volume has no \Windows: the NTFS reader looks, finds none, and says so.
        Assert.Contains(inspection.Gaps, g => g.Where == "p2" && g.Reason == "NTFS volume (no Windows directory found): NTFS volumes are not read yet");
        Assert.False(inspection.HoldsWindows);
        Assert.DoesNotContain(inspection.Gaps, g => g.Where == "p3");
        Assert.Null(inspection.RootVolume);
    }

    private static void Place(TempDirectory directory, string disk, long startSector, long sectors, string name, Action<string> make)
    {
        var image = directory.File(name);
        using (var file = File.Create(image))
        {
            file.SetLength(sectors * 512);
        }

        make(image);
        Tool.Run("dd", $"if={image}", $"of={disk}", "bs=512", $"seek={startSector}", "conv=notrunc,sparse", "status=none");
    }
}
