using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Lvm;
using Snapsight.Disk.Partitions;
using Snapsight.Disk.Tests.Partitions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Lvm;

public sealed class LvmReaderTests
{
    private const long ExtentSectors = 2048; // 1 MiB extents keep the images small
    private const long ExtentBytes = ExtentSectors * 512;
    private const long PvBytes = 24L << 20;

    private static readonly PvSpec Pv0 = new("pv0", "aaaaaa-1111-2222-3333-4444-5555-bbbbbb", 2048, 23, PvBytes / 512);
    private static readonly PvSpec Pv1 = new("pv1", "cccccc-6666-7777-8888-9999-0000-dddddd", 2048, 23, PvBytes / 512);

    private static readonly LvSpec Root = new("root", "rrrrrr-0000-0000-0000-0000-0000-rrrrrr", new SegSpec(8, 0, ("pv0", 0)));
    private static readonly LvSpec Spanning = new("data", "ssssss-0000-0000-0000-0000-0000-ssssss",
        new SegSpec(4, 0, ("pv0", 8)), new SegSpec(4, 0, ("pv1", 0)));
    private static readonly LvSpec Striped = new("striped", "tttttt-0000-0000-0000-0000-0000-tttttt",
        new SegSpec(8, 128, ("pv0", 12), ("pv1", 4))); // 2 stripes of 64 KiB chunks

    /// <summary>A GPT disk made by sfdisk with two LVM partitions, each a PV written from the format spec, three LVs each holding an ext4 image made by mkfs.ext4 -d.</summary>
    private const string GptScript = """
        label: gpt
        size=49152, type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="pv0"
        size=49152, type=E6D6D379-F507-44C2-A23C-238F2A3DF928, name="pv1"
        """;

    private const string DosScript = """
        label: dos
        size=49152, type=8e
        size=49152, type=8e
        """;

    private static (string DiskPath, Dictionary<string, byte[]> Images) BuildDisk(TempDirectory directory, string script = GptScript)
    {
        LvSpec[] lvs = [Root, Spanning, Striped];
        var disk = SfdiskOracle.CreateDisk(directory, "lvm.img", 64L << 20, script);
        var partitions = SfdiskOracle.Read(disk).Partitions;
        var text = LvmMetadataText.Write("vg0", "vgvgvg-0000-1111-2222-3333-4444-vgvgvg", ExtentSectors, [Pv0, Pv1], lvs);
        var images = new Dictionary<string, byte[]>();
        using var file = new FileStream(disk, FileMode.Open, FileAccess.ReadWrite);
        var pvs = new Dictionary<string, (Stream, long)>();
        foreach (var (pv, partition) in new[] { Pv0, Pv1 }.Zip(partitions))
        {
            var head = new byte[pv.PeStartSectors * 512];
            LvmImageBuilder.WritePvMetadata(head, PvBytes, new PvLayout(pv.Uuid), text);
            file.Position = partition.Start * 512;
            file.Write(head);
            pvs[pv.Name] = (file, (partition.Start + pv.PeStartSectors) * 512);
        }

        foreach (var lv in lvs)
        {
            images[lv.Name] = MakeExt4(directory, lv.Name, lv.ExtentCount * ExtentBytes);
            LvmImageBuilder.PlaceVolumeData(pvs, ExtentBytes, lv, images[lv.Name]);
        }

        return (disk, images);
    }

    private static byte[] MakeExt4(TempDirectory directory, string name, long bytes)
    {
        var tree = Directory.CreateDirectory(directory.File($"tree-{name}")).FullName;
        File.WriteAllText(Path.Combine(tree, "os-release"), $"ID=snapsight-test\nVOLUME={name}\n");
        var random = new Random(name.GetHashCode(StringComparison.Ordinal));
        var blob = new byte[300_000];
        random.NextBytes(blob);
        File.WriteAllBytes(Path.Combine(tree, "random.bin"), blob);
        var image = directory.File($"{name}.ext4");
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, "-L", name, image, $"{bytes / 1024}k");
        return File.ReadAllBytes(image);
    }

    private static async Task<byte[]> ReadAll(IBlockDevice device)
    {
        var bytes = new byte[device.Length];
        await device.ReadExactlyAsync(0, bytes, "test", "whole volume");
        return bytes;
    }

    [Theory]
    [InlineData(GptScript)]
    [InlineData(DosScript)]
    public async Task Linear_spanning_and_striped_volumes_read_back_as_the_file_systems_placed_in_them(string partitioning)
    {
        using var directory = new TempDirectory();
        var (path, images) = BuildDisk(directory, partitioning);
        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);
        var pvs = table.Partitions.Select(p => p.Open(disk)).ToList();

        var volumes = await ReadVolumesAsync(pvs);

        // Finding the volumes reads the label sectors, the area headers and the text: no data.
        Assert.InRange(pvs.Sum(p => p.Statistics.BytesRead), 1, 2 * (2048 + 512 + 4096));
        Assert.Equal(["root", "data", "striped"], volumes.Select(v => v.Name));
        foreach (var volume in volumes)
        {
            Assert.Null(volume.Problem);
            Assert.Equal("vg0", volume.VolumeGroup);
            Assert.Equal(images[volume.Name].Length, volume.Length);
            var actual = await ReadAll(volume.Device!);
            Assert.True(actual.AsSpan().SequenceEqual(images[volume.Name]), $"{volume.Name} differs from its ext4 image");
        }

        Assert.Equal(Striped.Uuid, volumes[2].Uuid);
    }

    [Fact]
    public async Task Volumes_on_a_missing_PV_are_reported_not_dropped()
    {
        using var directory = new TempDirectory();
        var (path, images) = BuildDisk(directory);
        using var disk = FileBlockDevice.Open(path);
        var table = await PartitionTableReader.ReadAsync(disk);

        var volumes = await ReadVolumesAsync([table.Partitions[0].Open(disk)]);

        Assert.Equal(["root", "data", "striped"], volumes.Select(v => v.Name));
        var root = await ReadAll(volumes[0].Device!);
        Assert.True(root.AsSpan().SequenceEqual(images["root"]));
        Assert.All(volumes.Skip(1), v =>
        {
            Assert.Null(v.Device);
            Assert.Contains($"physical volume pv1 (UUID {Pv1.Uuid}) is missing", v.Problem);
        });
    }

    [Fact]
    public async Task Unsupported_segment_types_are_named()
    {
        var thin = new LvSpec("thinvol", "uuuuuu-0000-0000-0000-0000-0000-uuuuuu", new SegSpec(2, 0, ("pv0", 0)) { Type = "thin" });
        var text = LvmMetadataText.Write("vg0", "vgvgvg-0000-1111-2222-3333-4444-vgvgvg", 8, [Pv0 with { PeStartSectors = 2048 }], [thin, Root]);
        var pv = new byte[4 << 20];
        LvmImageBuilder.WritePvMetadata(pv, pv.Length, new PvLayout(Pv0.Uuid), text);

        var volumes = await ReadVolumesAsync([new MemoryBlockDevice(pv)]);

        Assert.Equal("segment type \"thin\" is not supported", volumes.Single(v => v.Name == "thinvol").Problem);
        Assert.Equal(8 * 8 * 512, volumes.Single(v => v.Name == "root").Device!.Length);
    }

    [Fact]
    public async Task The_metadata_copy_with_the_highest_seqno_wins()
    {
        var old = new LvSpec("old", "oooooo-0000-0000-0000-0000-0000-oooooo", new SegSpec(1, 0, ("pv0", 0)));
        var current = new LvSpec("current", "cccccc-0000-0000-0000-0000-0000-cccccc", new SegSpec(1, 0, ("pv1", 0)));
        var pvs = new[] { (Pv0, 7L, old), (Pv1, 8L, current) }.Select(v =>
        {
            var image = new byte[4 << 20];
            var text = LvmMetadataText.Write("vg0", "vgvgvg-0000-1111-2222-3333-4444-vgvgvg", ExtentSectors, [Pv0, Pv1], [v.Item3], seqno: v.Item2);
            LvmImageBuilder.WritePvMetadata(image, image.Length, new PvLayout(v.Item1.Uuid), text);
            return (IBlockDevice)new MemoryBlockDevice(image);
        }).ToList();

        var forward = await ReadVolumesAsync(pvs);
        var backward = await ReadVolumesAsync([pvs[1], pvs[0]]);

        Assert.Equal("current", Assert.Single(forward).Name);
        Assert.Equal("current", Assert.Single(backward).Name);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 600)]   // the text starts 600 bytes before the area's end and wraps
    [InlineData(3, 100)]   // wraps after only 100 bytes
    public async Task A_whole_device_PV_reads_with_any_label_sector_and_wrapped_text(int labelSector, long textFromAreaEnd)
    {
        var layout = new PvLayout(Pv0.Uuid) { LabelSector = labelSector };
        layout = layout with { TextOffset = textFromAreaEnd == 0 ? 512 : layout.MdaSize - textFromAreaEnd };
        var lv = new LvSpec("flat", "ffffff-0000-0000-0000-0000-0000-ffffff", new SegSpec(3, 0, ("pv0", 1)));
        var pv = new byte[8 << 20];
        var text = LvmMetadataText.Write("vgflat", "xxxxxx-0000-1111-2222-3333-4444-xxxxxx", ExtentSectors, [Pv0], [lv]);
        LvmImageBuilder.WritePvMetadata(pv, pv.Length, layout, text);
        var data = new byte[3 * ExtentBytes];
        new Random(labelSector).NextBytes(data);
        using (var stream = new MemoryStream(pv))
        {
            LvmImageBuilder.PlaceVolumeData(new Dictionary<string, (Stream, long)> { ["pv0"] = (stream, layout.PeStart) }, ExtentBytes, lv, data);
        }

        Assert.True(LvmPhysicalVolume.Probe(pv.AsSpan(0, 2048)));
        var volume = Assert.Single(await ReadVolumesAsync([new MemoryBlockDevice(pv)]));

        Assert.Equal(data, await ReadAll(volume.Device!));
    }

    /// <summary>The volumes of a scan that must find no problem.</summary>
    private static async Task<IReadOnlyList<LogicalVolume>> ReadVolumesAsync(IReadOnlyList<IBlockDevice> candidates)
    {
        var result = await LvmReader.ScanAsync(candidates);
        Assert.Empty(result.Problems);
        return result.Volumes;
    }
}
