using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Fat;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Fat;

/// <summary>
/// Real mkfs.vfat + mcopy images, each damaged in one way, each case saying why it is bad.
/// Every one must end in a DiskFormatException or a sane partial answer, quickly and in bounded memory.
/// </summary>
public sealed class FatHostileInputTests : IDisposable
{
    private const string Big = "BIG     BIN";
    private const string Sub = "SUB        ";
    private const string LongNameShort = "ALONGF~1TXT";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>FAT16, 2 KiB clusters: BIG.BIN spans five clusters, SUB holds two files.</summary>
    private FatTestImage Fat16() => FatTestImage.Build(_temp, 16, 20, new Dictionary<string, byte[]>
    {
        ["BIG.BIN"] = new byte[10_000],
        ["A Long File Name.txt"] = "long\n"u8.ToArray(),
        ["SUB/ONE.TXT"] = "1"u8.ToArray(),
        ["SUB/TWO.TXT"] = "2"u8.ToArray(),
    }, sectorsPerCluster: 4);

    private static DiskFormatException Rejected(FatTestImage image, Func<FatFileSystem, Task>? then = null) =>
        HostileInput.Rejects(async ct =>
        {
            var fs = await FatFileSystem.OpenAsync(new MemoryBlockDevice(image.Bytes), ct);
            if (then is not null)
            {
                await then(fs);
            }
        });

    private static async Task ReadFileAsync(FatFileSystem fs, string name)
    {
        IFileSystem tree = fs;
        var entry = await tree.FindEntryAsync(fs.RootNode, name) ?? throw new InvalidOperationException($"{name} missing");
        await using var stream = await fs.OpenReadAsync(entry.Node);
        await stream.CopyToAsync(Stream.Null);
    }

    private static async Task ListAsync(FatFileSystem fs, string directory)
    {
        IFileSystem tree = fs;
        var entry = await tree.FindEntryAsync(fs.RootNode, directory) ?? throw new InvalidOperationException($"{directory} missing");
        await foreach (var unused in fs.ReadDirectoryAsync(entry.Node))
        {
        }
    }

    [Fact]
    public void Bad_boot_signature_is_rejected_and_not_probed()
    {
        // The 55 AA at offset 510 is what every FAT reader checks first.
        var image = Fat16();
        image.Bytes[510] = 0;
        Assert.False(FatFileSystem.Probe(image.Bytes.AsSpan(0, 512)));
        Assert.Contains("signature", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(256)]
    public void Bytes_per_sector_that_is_not_a_supported_power_of_two_is_rejected(int bytesPerSector)
    {
        // 0 would divide by zero; 1000 would misalign every structure.
        var image = Fat16();
        image.Write16(11, bytesPerSector);
        Assert.Contains("BPB_BytsPerSec", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Sectors_per_cluster_zero_or_not_a_power_of_two_is_rejected(int sectorsPerCluster)
    {
        // 0 divides the data area by zero when counting clusters.
        var image = Fat16();
        image.Bytes[13] = (byte)sectorsPerCluster;
        Assert.Contains("BPB_SecPerClus", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fat_count_zero_is_rejected()
    {
        // No FAT at all: no chain can be followed.
        var image = Fat16();
        image.Bytes[16] = 0;
        Assert.Contains("BPB_NumFATs", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Total_sectors_smaller_than_the_reserved_area_is_rejected()
    {
        // The data area would have a negative size.
        var image = Fat16();
        image.Write16(19, 1);
        Assert.Contains("total sectors 1", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Volume_larger_than_the_device_is_rejected()
    {
        // A truncated image, or a lie meant to make us size tables by it.
        var image = Fat16();
        image.Write16(19, 0);
        image.Write32(32, 0xFFFFFFF0);
        Assert.Contains("device holds", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_chain_loop_is_detected()
    {
        // The third cluster of BIG.BIN points back to its first: an endless chain.
        var image = Fat16();
        var first = image.FirstCluster(image.RootEntry(Big));
        image.SetFat16(first + 2, first);
        Assert.Contains("loops", Rejected(image, fs => ReadFileAsync(fs, "BIG.BIN")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0xFFF0, "outside")]
    [InlineData(0x0000, "free cluster")]
    [InlineData(0xFFF7, "bad cluster")]
    public void Chain_pointing_past_the_cluster_count_or_at_a_free_or_bad_cluster_is_rejected(int value, string expected)
    {
        // Following such a link would read outside the data area, or data that belongs to nobody.
        var image = Fat16();
        var first = image.FirstCluster(image.RootEntry(Big));
        image.SetFat16(first + 1, value);
        Assert.Contains(expected, Rejected(image, fs => ReadFileAsync(fs, "BIG.BIN")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_chain_loop_is_detected()
    {
        // SUB's only cluster is filled (no end-of-directory mark) and its FAT entry points to itself.
        var image = Fat16();
        var cluster = image.FirstCluster(image.RootEntry(Sub));
        var start = image.ClusterOffset(cluster);
        image.Bytes.AsSpan((int)start + (4 * 32), image.ClusterSize - (4 * 32)).Fill(0xE5);
        image.SetFat16(cluster, cluster);
        Assert.Contains("loops", Rejected(image, fs => ListAsync(fs, "SUB")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_size_larger_than_its_chain_is_rejected()
    {
        // Five clusters of data claiming to be twenty.
        var image = Fat16();
        image.Write32(image.RootEntry(Big) + 28, (uint)(20 * image.ClusterSize));
        Assert.Contains("has 5", Rejected(image, fs => ReadFileAsync(fs, "BIG.BIN")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_size_larger_than_the_volume_is_rejected_before_walking()
    {
        // 4 GiB on a 20 MiB volume: refused from the arithmetic alone.
        var image = Fat16();
        image.Write32(image.RootEntry(Big) + 28, uint.MaxValue);
        Assert.Contains("the volume has", Rejected(image, fs => ReadFileAsync(fs, "BIG.BIN")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13, 0x5A)] // LDIR_Chksum no longer matches the short name
    [InlineData(0, 0x03)] // ordinal 3 where 1 must follow 0x42
    [InlineData(12, 0x01)] // LDIR_Type must be 0
    public async Task Broken_long_name_set_falls_back_to_the_short_name(int field, int value)
    {
        var image = Fat16();
        var shortEntry = image.RootEntry(LongNameShort);
        image.Bytes[shortEntry - 32 + field] = (byte)value;
        var fs = await FatFileSystem.OpenAsync(new MemoryBlockDevice(image.Bytes));
        var names = await FatFileSystemTests.ListAllAsync(fs);
        Assert.Contains("/ALONGF~1.TXT", names.Keys);
        Assert.DoesNotContain("/A Long File Name.txt", names.Keys);
    }

    [Theory]
    [InlineData(0x0FFFFFF0u)]
    [InlineData(1u)]
    public void Fat32_root_cluster_out_of_range_is_rejected(uint rootCluster)
    {
        // The root directory would be read from outside the data area.
        var image = FatTestImage.Build(_temp, 32, 40, new Dictionary<string, byte[]>(), sectorsPerCluster: 1);
        image.Write32(44, rootCluster);
        Assert.Contains("BPB_RootClus", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_claiming_a_million_entries_is_cut_at_the_specification_limit()
    {
        // SUB's chain runs through 1,100 clusters of 64 deleted slots each (70,400 entries, well past
        // the 65,536 the specification allows), all free of the end-of-directory mark.
        var image = Fat16();
        const int first = 6000, length = 1100;
        image.SetFirstCluster(image.RootEntry(Sub), first);
        for (var i = 0; i < length; i++)
        {
            image.SetFat16(first + i, i == length - 1 ? 0xFFFF : first + i + 1);
            image.Bytes.AsSpan((int)image.ClusterOffset(first + i), image.ClusterSize).Fill(0xE5);
        }

        Assert.Contains("65536 entries", Rejected(image, fs => ListAsync(fs, "SUB")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_never_throws_and_accepts_only_boot_sectors_with_a_signature()
    {
        // Half the samples carry the jump and the signature, so the BPB checks behind them run too.
        Gen.Select(Gen.Byte.Array[0, 1024], Gen.Bool).Sample((bytes, plausible) =>
        {
            if (plausible && bytes.Length >= 512)
            {
                (bytes[0], bytes[2], bytes[510], bytes[511]) = ((byte)0xEB, (byte)0x90, (byte)0x55, (byte)0xAA);
            }

            var accepted = FatFileSystem.Probe(bytes);
            Assert.True(!accepted || (bytes.Length >= 512 && bytes[510] == 0x55 && bytes[511] == 0xAA));
        }, iter: 2000);
        Assert.True(FatFileSystem.Probe(Fat16().Bytes.AsSpan(0, 512)));
    }

    [Fact]
    public void Random_damage_never_escapes_as_anything_but_a_format_error()
    {
        var pristine = FatTestImage.Build(_temp, 12, 1, new Dictionary<string, byte[]>
        {
            ["a/b/c.txt"] = "c"u8.ToArray(),
            ["Long name file.txt"] = new byte[3000],
            ["d/e.bin"] = new byte[1500],
        }).Bytes;
        var damage = Gen.Select(Gen.Int[0, 24 * 1024], Gen.Byte).Array[1, 12];

        damage.Sample(changes =>
        {
            var bytes = (byte[])pristine.Clone();
            foreach (var (offset, value) in changes)
            {
                bytes[offset] = value;
            }

            HostileInput.Run(async ct => await ExploreAsync(new MemoryBlockDevice(bytes), ct));
        }, iter: 300);
    }

    /// <summary>Opens, lists and reads everything reachable, with its own cycle and size guards.</summary>
    private static async Task ExploreAsync(IBlockDevice device, CancellationToken ct)
    {
        var fs = await FatFileSystem.OpenAsync(device, ct);
        var seen = new HashSet<long>();
        var pending = new Stack<long>([fs.RootNode]);
        while (pending.TryPop(out var directory) && seen.Count < 1000)
        {
            if (!seen.Add(directory))
            {
                continue;
            }

            await foreach (var entry in fs.ReadDirectoryAsync(directory, ct))
            {
                if (entry.Type == FileType.Directory)
                {
                    pending.Push(entry.Node);
                }
                else
                {
                    await fs.GetNodeAsync(entry.Node, ct);
                    await using var stream = await fs.OpenReadAsync(entry.Node, ct);
                    await stream.CopyToAsync(Stream.Null, ct);
                }
            }
        }
    }
}
