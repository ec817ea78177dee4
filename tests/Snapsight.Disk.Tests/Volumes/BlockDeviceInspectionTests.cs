using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Disk.Tests.Volumes;

/// <summary>A caller's block device (a data disk of a machine) inspected without assembling a root, its partitions named after the device.</summary>
public sealed class BlockDeviceInspectionTests
{
    [Theory]
    [InlineData("/dev/nvme1n1", "/dev/nvme1n1p2")]
    [InlineData("/dev/sdf", "/dev/sdf2")]
    [InlineData(null, null)]
    public async Task Partitions_are_named_after_the_device_and_no_root_is_assembled(string? device, string? secondPartition)
    {
        using var disk = FileBlockDevice.Open(DebianImages.Path("gpt-disk.raw"));
        using (var inspection = await DiskInspector.InspectAsync(disk, device, assembleRoot: false))
        {
            Assert.Null(inspection.Assembly);
            Assert.Empty(inspection.Gaps);
            Assert.Equal(["p1", "p2", "p3"], inspection.Volumes.Select(v => v.Name));
            Assert.Equal(secondPartition, inspection.Volumes[1].DevicePath);
            Assert.Equal("ext4", inspection.Volumes[1].FileSystem?.Type);
        }

        // The device stays the caller's: still readable once the inspection is gone.
        var buffer = new byte[512];
        Assert.Equal(512, await disk.ReadAsync(0, buffer));
    }
}
