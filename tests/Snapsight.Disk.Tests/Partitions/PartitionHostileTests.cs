using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Partitions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Partitions;

/// <summary>The disk/partition cases of guides/hostile-input.md §1–4, each against the 2 s / 256 MiB / DiskFormatException bar.</summary>
public sealed class PartitionHostileTests
{
    private const long DiskSectors = 2048;

    private static PartitionTable? Read(byte[] image, out DiskFormatException? error)
    {
        PartitionTable? table = null;
        error = HostileInput.Run(async ct => table = await PartitionTableReader.ReadAsync(new MemoryBlockDevice(image), ct));
        return table;
    }

    private static DiskFormatException Rejected(byte[] image) =>
        HostileInput.Rejects(ct => PartitionTableReader.ReadAsync(new MemoryBlockDevice(image), ct));

    private static CraftedGptEntry[] TwoPartitions => [new(CraftedTables.LinuxFileSystem, 100, 199, "a"), new(CraftedTables.LinuxFileSystem, 200, 299, "b")];

    [Fact]
    public void An_MBR_without_0x55AA_is_no_table()
    {
        var image = new byte[DiskSectors * 512];
        CraftedTables.WriteMbrEntry(image, 0, 0x83, 2048, 100);
        image[510] = 0x55;
        image[511] = 0xAB;

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal("none", table!.Scheme);
    }

    [Fact]
    public void A_protective_MBR_whose_GPT_copies_are_both_corrupt_is_rejected()
    {
        var image = CraftedTables.Gpt(512, DiskSectors, TwoPartitions);
        image[512 + 60] ^= 1;
        image[(DiskSectors - 1) * 512 + 60] ^= 1;

        var error = Rejected(image);

        Assert.Equal("gpt", error.Layer);
        Assert.Contains("CRC mismatch", error.Message);
    }

    [Theory]
    [InlineData(80, 0xFFFFFFFFu, "NumberOfPartitionEntries 4294967295")]
    [InlineData(80, 8193u, "exceeds the 1048576-byte bound")]
    [InlineData(84, 0u, "SizeOfPartitionEntry 0")]
    [InlineData(84, 8192u, "SizeOfPartitionEntry 8192")]
    [InlineData(84, 200u, "SizeOfPartitionEntry 200")]
    [InlineData(72, 5000u, "lies past the end of the disk")]
    [InlineData(12, 4000u, "HeaderSize 4000")]
    public void Absurd_header_fields_are_refused_with_no_backup(int field, uint value, string expected)
    {
        var image = CraftedTables.Gpt(512, DiskSectors, TwoPartitions, h => BinaryPrimitives.WriteUInt32LittleEndian(h[field..], value), writeBackup: false);

        var error = Rejected(image);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_absurd_primary_is_replaced_by_a_good_backup()
    {
        var image = CraftedTables.Gpt(512, DiskSectors, TwoPartitions, h => BinaryPrimitives.WriteUInt32LittleEndian(h[80..], 0xFFFFFFFF));

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal([(100L * 512, 100L * 512), (200L * 512, 100L * 512)], table!.Partitions.Select(p => (p.Offset, p.Length)));
        Assert.Contains(table.Warnings, w => w.Contains("primary GPT header is corrupt (NumberOfPartitionEntries 4294967295"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_4Kn_GPT_with_a_corrupt_or_wiped_primary_is_read_from_its_backup(bool wipePrimary)
    {
        var image = CraftedTables.Gpt(4096, 64, [new(CraftedTables.LinuxFileSystem, 10, 19, "four-k")], entryCount: 32);
        if (wipePrimary)
        {
            Array.Clear(image, 4096, 4096);
        }
        else
        {
            image[4096 + 60] ^= 1;
        }

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal(4096, table!.SectorSize);
        Assert.Equal(("four-k", 10L * 4096, 10L * 4096), table.Partitions.Select(p => (p.Name, p.Offset, p.Length)).Single());
        Assert.Contains(table.Warnings, w => w.Contains("using the backup at LBA 63"));
    }

    [Fact]
    public void Entries_past_the_disk_backwards_or_overlapping_are_cut_skipped_or_flagged()
    {
        var type = CraftedTables.LinuxFileSystem;
        var image = CraftedTables.Gpt(512, DiskSectors, [
            new(type, 100, 199),                 // 1: fine
            new(type, 150, 249),                 // 2: overlaps 1
            new(type, 300, 250),                 // 3: ends before it starts
            new(type, 1900, 5000),               // 4: reaches past the disk end
            new(type, 900_000, 900_100),         // 5: starts past the disk end
            new(type, ulong.MaxValue - 1, ulong.MaxValue), // 6: at the top of the LBA space
        ]);

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal([1, 2, 4], table!.Partitions.Select(p => p.Number));
        Assert.Equal((DiskSectors - 1900) * 512, table.Partitions.Single(p => p.Number == 4).Length);
        Assert.Contains(table.Warnings, w => w.Contains("partitions 1 and 2 overlap"));
        Assert.Contains(table.Warnings, w => w.Contains("partition 4") && w.Contains("cut"));
        Assert.Equal([3, 5, 6], table.Skipped.Select(s => s.Number));
        Assert.Contains("partition 3 ends (LBA 250) before it starts", table.Skipped[0].Reason);
        Assert.Contains("partition 5 starts at sector 900000, past the end", table.Skipped[1].Reason);
        Assert.Contains("partition 6 starts at sector", table.Skipped[2].Reason);
        Assert.DoesNotContain(table.Warnings, w => w.Contains("partition 3") || w.Contains("partition 5") || w.Contains("partition 6"));
    }

    [Fact]
    public void An_EBR_chain_looping_to_itself_keeps_what_was_found()
    {
        var image = new byte[DiskSectors * 512];
        CraftedTables.WriteMbrEntry(image, 0, 0x05, 100, 1000);
        CraftedTables.Sign(image);
        var ebr = image.AsSpan(100 * 512, 512);
        CraftedTables.WriteMbrEntry(ebr, 0, 0x83, 10, 50);
        CraftedTables.WriteMbrEntry(ebr, 1, 0x05, 0, 1000); // links back to itself
        CraftedTables.Sign(ebr);

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal([(1, true), (5, false)], table!.Partitions.Select(p => (p.Number, p.IsExtendedContainer)));
        Assert.Contains(table.Warnings, w => w.Contains("loops back to sector 100"));
    }

    [Fact]
    public void An_EBR_chain_ten_thousand_links_long_stops_at_the_bound()
    {
        const int links = 10_000;
        var image = new byte[(links * 2 + 10) * 512];
        CraftedTables.WriteMbrEntry(image, 0, 0x0F, 2, links * 2);
        CraftedTables.Sign(image);
        for (var i = 0; i < links; i++)
        {
            var ebr = image.AsSpan((2 + (2 * i)) * 512, 512);
            CraftedTables.WriteMbrEntry(ebr, 0, 0x83, 1, 1);
            CraftedTables.WriteMbrEntry(ebr, 1, 0x05, (uint)(2 * (i + 1)), 2);
            CraftedTables.Sign(ebr);
        }

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal(1 + 1024, table!.Partitions.Count);
        Assert.Contains(table.Warnings, w => w.Contains("longer than 1024 links"));
    }

    [Fact]
    public void An_MBR_partition_starting_past_the_disk_is_skipped_and_one_reaching_past_it_is_cut()
    {
        var image = new byte[DiskSectors * 512];
        CraftedTables.WriteMbrEntry(image, 0, 0x83, 100, 100);
        CraftedTables.WriteMbrEntry(image, 1, 0x83, 1000, 0xFFFFFFFF);
        CraftedTables.WriteMbrEntry(image, 2, 0x83, 0xFFFFFF00, 0xFF);
        CraftedTables.Sign(image);

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal([(1, 100L * 512), (2, (DiskSectors - 1000) * 512)], table!.Partitions.Select(p => (p.Number, p.Length)));
        var skipped = Assert.Single(table.Skipped);
        Assert.Equal(3, skipped.Number);
        Assert.Contains("MBR partition 3 starts at sector 4294967040", skipped.Reason);
        Assert.DoesNotContain(table.Warnings, w => w.Contains("partition 3"));
    }

    [Fact]
    public void A_logical_partition_starting_past_the_disk_is_skipped_and_keeps_its_number()
    {
        // EBR 1 holds logical 5 at sector 0xF0000000 (past the disk), EBR 2 holds a good one:
        // Linux numbers it 6, so a skipped logical partition must not shift the numbers after it.
        var image = new byte[DiskSectors * 512];
        CraftedTables.WriteMbrEntry(image, 0, 0x05, 100, 1000);
        CraftedTables.Sign(image);
        var first = image.AsSpan(100 * 512, 512);
        CraftedTables.WriteMbrEntry(first, 0, 0x83, 0xF0000000, 50);
        CraftedTables.WriteMbrEntry(first, 1, 0x05, 200, 100);
        CraftedTables.Sign(first);
        var second = image.AsSpan(300 * 512, 512);
        CraftedTables.WriteMbrEntry(second, 0, 0x83, 10, 50);
        CraftedTables.Sign(second);

        var table = Read(image, out var error);

        Assert.Null(error);
        Assert.Equal([(1, 100L * 512), (6, 310L * 512)], table!.Partitions.Select(p => (p.Number, p.Offset)));
        var skipped = Assert.Single(table.Skipped);
        Assert.Equal(5, skipped.Number);
        Assert.Contains("MBR partition 5 starts at sector 4026531940, past the end", skipped.Reason);
    }

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_a_format_error()
    {
        var random = new Random(1234);
        for (var i = 0; i < 200; i++)
        {
            var image = CraftedTables.Gpt(512, 64, TwoPartitions.Select(e => e with { FirstLba = 40, LastLba = 50 }).ToArray(), entryCount: 4);
            for (var flips = random.Next(1, 20); flips > 0; flips--)
            {
                image[random.Next(0, 3 * 512)] = (byte)random.Next(256);
            }

            Read(image, out _);
        }
    }
}
