using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Partitions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Partitions;

public sealed class GptTableTests
{
    private const string SfdiskScript = """
        label: gpt
        size=2048, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system"
        size=8192, type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="pv0"
        size=4096, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F
        type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="root – ünïcode"
        """;

    [Fact]
    public async Task A_table_written_by_sfdisk_matches_sfdisk_json()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "gpt.img", 16L << 20, SfdiskScript);
        using var disk = FileBlockDevice.Open(path);

        var table = await PartitionTableReader.ReadAsync(disk);

        AssertMatches(SfdiskOracle.Read(path), table);
        Assert.Empty(table.Warnings);

        // Sector 0 with room for a 4Kn header, the header, the 16 KiB entry array, the backup header.
        Assert.Equal(4608 + 512 + (128 * 128) + 512, disk.Statistics.BytesRead);
    }

    [Fact]
    public async Task A_table_written_by_sgdisk_matches_sfdisk_json()
    {
        using var directory = new TempDirectory();
        var path = directory.File("sgdisk.img");
        using (var file = File.Create(path))
        {
            file.SetLength(20L << 20);
        }

        Tool.Run("sgdisk", "-n", "1:2048:+1M", "-t", "1:ef00", "-c", "1:EFI", "-n", "2:0:+4M", "-t", "2:8e00", "-c", "2:pv one",
            "-n", "5:0:0", "-t", "5:8300", "-c", "5:root", path);
        using var disk = FileBlockDevice.Open(path);

        var table = await PartitionTableReader.ReadAsync(disk);

        AssertMatches(SfdiskOracle.Read(path), table);
        Assert.Contains(table.Partitions, p => p.Number == 5 && p.TypeName == "Linux filesystem");
    }

    [Fact]
    public async Task A_corrupt_primary_header_falls_back_to_the_backup_with_a_warning()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "gpt.img", 16L << 20, SfdiskScript);
        var expected = SfdiskOracle.Read(path);
        FlipByte(path, 512 + 60); // inside the disk GUID of the primary header

        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);

        AssertMatches(expected, table);
        var lastLba = (16L << 20) / 512 - 1;
        Assert.Contains(table.Warnings, w => w.Contains("primary GPT header is corrupt (CRC mismatch") && w.Contains($"backup at LBA {lastLba}"));
    }

    [Fact]
    public async Task A_corrupt_primary_entry_array_falls_back_to_the_backup()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "gpt.img", 16L << 20, SfdiskScript);
        var expected = SfdiskOracle.Read(path);
        FlipByte(path, (2 * 512) + 40); // the first entry's StartingLBA

        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);

        AssertMatches(expected, table);
        Assert.Contains(table.Warnings, w => w.Contains("entry array CRC mismatch"));
    }

    [Fact]
    public async Task A_corrupt_backup_header_leaves_the_primary_in_use_with_a_warning()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "gpt.img", 16L << 20, SfdiskScript);
        var expected = SfdiskOracle.Read(path);
        FlipByte(path, (16L << 20) - 512 + 60);

        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);

        AssertMatches(expected, table);
        Assert.Contains(table.Warnings, w => w.Contains("backup GPT header at LBA") && w.Contains("using the primary"));
    }

    [Fact]
    public async Task A_truncated_image_keeps_the_cut_partition_and_says_so()
    {
        using var directory = new TempDirectory();
        var path = SfdiskOracle.CreateDisk(directory, "gpt.img", 16L << 20, SfdiskScript);
        var expected = SfdiskOracle.Read(path);
        var root = expected.Partitions.Single(p => p.Number == 4);
        var cut = (root.Start + 100) * 512;
        using (var file = File.OpenWrite(path))
        {
            file.SetLength(cut);
        }

        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);

        Assert.Equal(100 * 512, table.Partitions.Single(p => p.Number == 4).Length);
        Assert.Contains(table.Warnings, w => w.Contains("GPT partition 4") && w.Contains("past the end"));
        Assert.Contains(table.Warnings, w => w.Contains("truncated"));
    }

    [Fact]
    public async Task Four_KiB_logical_sectors_are_detected()
    {
        using var directory = new TempDirectory();
        var path = directory.File("4k.img");
        using (var file = File.Create(path))
        {
            file.SetLength(32L << 20);
        }

        // A loop device with 4096-byte logical sectors makes sfdisk write a real 4Kn GPT.
        var loop = Tool.Run("losetup", "-f", "--show", "--sector-size", "4096", path).Trim();
        SfdiskTable expected;
        try
        {
            Tool.Run("sfdisk", ["-q", "--no-reread", "--no-tell-kernel", loop], SfdiskScript.Replace("size=8192", "size=1024").Replace("size=4096", "size=512"), null);
            expected = SfdiskOracle.Read(loop);
        }
        finally
        {
            Tool.Run("losetup", "-d", loop);
        }

        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);

        Assert.Equal(4096, expected.SectorSize);
        Assert.Equal(4096, table.SectorSize);
        Assert.Empty(table.Warnings);
        AssertMatches(expected, table);
    }

    internal static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = (byte)file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x5A));
    }

    private static void AssertMatches(SfdiskTable expected, PartitionTable table)
    {
        Assert.Equal("gpt", expected.Label);
        Assert.Equal("gpt", table.Scheme);
        Assert.Equal(expected.SectorSize, table.SectorSize);
        Assert.Equal(Guid.Parse(expected.Id), table.DiskGuid);
        Assert.Equal(
            expected.Partitions.Select(p => (p.Number, p.Start * expected.SectorSize, p.Size * expected.SectorSize, p.Type, Guid.Parse(p.Uuid!), p.Name ?? "")),
            table.Partitions.Select(p => (p.Number, p.Offset, p.Length, p.TypeId, p.UniqueId!.Value, p.Name ?? "")));
    }
}
