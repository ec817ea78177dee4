using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Partitions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Partitions;

public sealed class MbrTableTests
{
    [Fact]
    public async Task Primaries_extended_and_logicals_match_sfdisk()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "dos.img", 40L << 20, """
            label: dos
            start=2048, size=4096, type=83, bootable
            size=2048, type=82
            size=40000, type=5
            size=4096, type=83
            size=2048, type=8e
            size=6000, type=83
            size=3000, type=7
            size=1000, type=fd
            """);
        var expected = SfdiskOracle.Read(path);
        using var disk = FileBlockDevice.Open(path);

        var table = await PartitionTableReader.ReadAsync(disk);

        Assert.Equal("mbr", table.Scheme);
        Assert.Equal(512, table.SectorSize);
        Assert.Empty(table.Warnings);
        Assert.Null(table.DiskGuid);
        Assert.Equal(8, expected.Partitions.Count);
        Assert.Equal(
            expected.Partitions.Select(p => (p.Number, p.Start * 512, p.Size * 512, Convert.ToInt32(p.Type, 16))).OrderBy(p => p.Number),
            table.Partitions.Select(p => (p.Number, p.Offset, p.Length, Convert.ToInt32(p.TypeId[2..], 16))).OrderBy(p => p.Number));
        Assert.All(table.Partitions, p => Assert.Equal(p.TypeId == "0x05", p.IsExtendedContainer));
        var lvmNumber = expected.Partitions.Single(p => p.Type == "8e").Number;
        Assert.Equal("Linux LVM", table.Partitions.Single(p => p.Number == lvmNumber).TypeName);
    }

    [Fact]
    public async Task A_partition_opens_as_the_bytes_it_covers()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "dos.img", 8L << 20, "label: dos\nstart=2048, size=4096, type=83\n");
        var marker = "snapsight partition marker"u8.ToArray();
        using (var file = File.OpenWrite(path))
        {
            file.Position = (2048 * 512) + 100;
            file.Write(marker);
        }

        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);
        using var partition = table.Partitions.Single().Open(disk);
        var bytes = await partition.ReadBytesAsync(100, marker.Length, "test", "marker");

        Assert.Equal(4096 * 512, partition.Length);
        Assert.Equal(marker, bytes);
    }

    [Fact]
    public async Task A_bare_file_system_has_no_table()
    {
        using var directory = new TempDirectory();
        var path = directory.File("ext4.img");
        Tool.Run("mkfs.ext4", "-q", "-F", path, "4M");
        using var disk = FileBlockDevice.Open(path);

        var table = await PartitionTableReader.ReadAsync(disk);

        Assert.Equal("none", table.Scheme);
        Assert.Empty(table.Partitions);
    }
}
