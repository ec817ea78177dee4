using System.Buffers.Binary;
using Snapsight.Disk.FileSystems.Ntfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ntfs;

/// <summary>
/// A real NTFS image damaged in one way per case, each saying why the damage is dangerous.
/// Every case must end in a DiskFormatException (or a sane answer) within 2 s and 256 MiB.
/// </summary>
public sealed class NtfsHostileInputTests(NtfsHostileImage shared) : IClassFixture<NtfsHostileImage>
{
    private const uint IndexRoot = 0x90;
    private const uint Data = 0x80;

    private static DiskFormatException Rejected(NtfsTestImage image, string path = "Windows/System32") =>
        HostileInput.Rejects(async ct =>
        {
            var volume = await NtfsVolume.OpenAsync(image.Device(), ct);
            await volume.FindPathAsync(path, ct);
        });

    [Fact]
    public void The_undamaged_image_finds_System32()
    {
        // The control: every case below damages this image and nothing else.
        var image = shared.Copy();
        Assert.Null(HostileInput.Run(async ct => Assert.NotNull(await (await NtfsVolume.OpenAsync(image.Device(), ct)).FindPathAsync("Windows/System32", ct))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(8192)]
    public void Bytes_per_sector_outside_256_to_4096_or_not_a_power_of_two_is_rejected(int bytesPerSector)
    {
        // 0 divides by zero; 1000 misaligns every structure; 8192 is beyond any real device.
        var image = shared.Copy();
        image.Write16(0x0B, bytesPerSector);
        Assert.Contains("bytes per sector", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(0xE0)]
    public void Sectors_per_cluster_zero_not_a_power_of_two_or_an_exponent_past_2_MiB_is_rejected(int encoded)
    {
        // 0xE0 encodes 2^32 sectors per cluster: a cluster no volume has, and an overflow in every product.
        var image = shared.Copy();
        image.Bytes[0x0D] = (byte)encoded;
        Assert.Contains("sectors per cluster", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-31)]
    [InlineData(-8)]
    [InlineData(127)]
    [InlineData(0)]
    public void Mft_record_size_of_2_to_the_31_or_otherwise_out_of_range_is_rejected(int encoded)
    {
        // -31 asks for 2 GiB records: an allocation per record read; 127 clusters of 4 KiB is not a power of two.
        var image = shared.Copy();
        image.Bytes[0x40] = (byte)(sbyte)encoded;
        Assert.Contains("MFT record size", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Volume_larger_than_the_device_is_rejected()
    {
        // A truncated image, or a lie that would send reads past the end.
        var image = shared.Copy();
        image.Write64(0x28, long.MaxValue);
        Assert.Contains("total sectors", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mft_cluster_past_the_volume_is_rejected()
    {
        var image = shared.Copy();
        image.Write64(0x30, 1L << 40);
        Assert.Contains("$MFT cluster", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixup_mismatch_in_a_directory_record_is_rejected()
    {
        // The last two bytes of the root directory record's first stride no longer carry the update sequence number: a torn write.
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        image.Bytes[root + 510] ^= 0xFF;
        Assert.Contains("torn", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_ntfs_volume_becomes_part_of_its_gap_and_the_inspection_goes_on()
    {
        // DiskInspector's Windows check must never fail the inspection: the error is told in the gap.
        var image = shared.Copy();
        image.Bytes[image.RecordOffset(NtfsVolume.RootDirectoryRecord) + 510] ^= 0xFF;
        using var temp = new TempDirectory();
        var path = temp.File("damaged-ntfs.img");
        await File.WriteAllBytesAsync(path, image.Bytes);

        using var inspection = await Snapsight.Disk.Volumes.DiskInspector.InspectAsync(path);

        var gap = Assert.Single(inspection.Gaps, g => g.Where == "disk" && g.Reason.StartsWith("NTFS", StringComparison.Ordinal));
        Assert.StartsWith("NTFS volume whose Windows directory could not be looked up (ntfs: bad ntfs.file_record", gap.Reason, StringComparison.Ordinal);
        Assert.EndsWith("): NTFS volumes are not read yet", gap.Reason, StringComparison.Ordinal);
        Assert.False(inspection.HoldsWindows);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(0x1FE, 3)]
    [InlineData(0x30, 100)]
    public void Update_sequence_array_offset_or_count_out_of_range_is_rejected(int offset, int count)
    {
        // cf. ntfsprogs-plus#54: an array past the first stride, or more entries than strides, would read and write out of bounds.
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        image.Write16(root + 4, offset);
        image.Write16(root + 6, count);
        Assert.Contains("update sequence array", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(0xFFF8)]
    public void Attribute_length_zero_short_or_past_the_record_is_rejected(uint length)
    {
        // Length 0 never advances the walk (an endless loop); 0xFFF8 reaches past the record.
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        image.Write32(root + image.AttributeOffset(root, IndexRoot) + 4, length);
        Assert.Contains("length", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_attribute_offset_past_the_record_is_rejected()
    {
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        image.Write16(root + 0x14, 0x3F8);
        Assert.Contains("first attribute offset", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_end_marker_is_rejected()
    {
        // Every attribute type set to a harmless unknown value: the walk must stop at the bytes in use, not run on.
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        var used = BinaryPrimitives.ReadUInt32LittleEndian(image.Bytes.AsSpan((int)root + 0x18));
        image.Write32(root + used - 8, 0x1000);
        Assert.Contains("bytes in use", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resident_value_longer_than_its_attribute_is_rejected()
    {
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        image.Write32(root + image.AttributeOffset(root, IndexRoot) + 0x10, 0x10000);
        Assert.Contains("value of 65536 bytes", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x18, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x01, 0x00 }, "run length")]          // 2^60 clusters long
    [InlineData(new byte[] { 0x08, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x00 }, "run length")]                // a sparse run of 2^60 clusters
    [InlineData(new byte[] { 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x00 }, "outside the volume")]  // a cluster at LCN 2^60
    [InlineData(new byte[] { 0x11, 0x00, 0x10, 0x00 }, "run length")]                               // a zero-length run
    [InlineData(new byte[] { 0x11, 0x01, 0x80, 0x00 }, "outside the volume")]                       // a negative LCN
    public void Mft_runlist_with_huge_sparse_zero_or_negative_runs_is_rejected(byte[] runs, string expected)
    {
        // Written over $MFT's own runlist, the first thing every record lookup uses. $DATA is
        // stretched over the $BITMAP attribute after it, up to the end marker, to make room.
        var image = shared.Copy();
        var mft = image.RecordOffset(0);
        var dataAt = image.AttributeOffset(mft, Data);
        var attribute = mft + dataAt;
        var used = BinaryPrimitives.ReadUInt32LittleEndian(image.Bytes.AsSpan((int)mft + 0x18));
        var length = (int)used - 8 - dataAt;
        image.Write32(attribute + 4, (uint)length);
        var runsOffset = BinaryPrimitives.ReadUInt16LittleEndian(image.Bytes.AsSpan((int)attribute + 0x20));
        image.Bytes.AsSpan((int)attribute + runsOffset, length - runsOffset).Clear();
        runs.CopyTo(image.Bytes, attribute + runsOffset);
        Assert.Contains(expected, Rejected(image).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0xFFF8)]
    [InlineData(0x10)]
    public void Index_entry_length_zero_short_or_pointing_outside_the_node_is_rejected(int length)
    {
        // In the root directory's $INDEX_ROOT: 0 would loop on one entry, 0xFFF8 reads past the record, 0x10 cuts off the child VCN.
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        var attribute = root + image.AttributeOffset(root, IndexRoot);
        var value = attribute + BinaryPrimitives.ReadUInt16LittleEndian(image.Bytes.AsSpan((int)attribute + 0x14));
        var firstEntry = value + 0x10 + BinaryPrimitives.ReadUInt32LittleEndian(image.Bytes.AsSpan((int)value + 0x10));
        image.Write16(firstEntry + 8, length);
        Assert.Contains("entry length", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_header_longer_than_its_record_is_rejected()
    {
        var image = shared.Copy();
        var root = image.RecordOffset(NtfsVolume.RootDirectoryRecord);
        var attribute = root + image.AttributeOffset(root, IndexRoot);
        var value = attribute + BinaryPrimitives.ReadUInt16LittleEndian(image.Bytes.AsSpan((int)attribute + 0x14));
        image.Write32(value + 0x14, 0x100000);
        Assert.Contains("lie outside", Rejected(image).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_blocks_pointing_back_at_themselves_are_a_cycle_not_a_hang()
    {
        // Every interior INDX node's children are bent to the node itself; a lookup of a name in that node descends into it again.
        var image = shared.Copy();
        var names = BendChildrenToSelf(image);
        Assert.NotEmpty(names);
        foreach (var name in names.Take(5))
        {
            Assert.Contains("cycle", Rejected(image, $"Windows/WinSxS/{name}").Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Index_block_whose_own_vcn_differs_is_rejected()
    {
        // A child pointer leading to the wrong block (or a stale block) must not be trusted.
        var image = shared.Copy();
        foreach (var block in image.IndexBlocks())
        {
            image.Write64(block + 0x10, 12345);
        }

        Assert.Contains("says it is VCN 12345", Rejected(image, "Windows/WinSxS/file-00000-000.dll").Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Rewrites each child VCN of every interior INDX block to the block's own VCN (skipping the
    /// few that straddle an update-sequence slot) and returns the names whose entries were bent.
    /// </summary>
    private static List<string> BendChildrenToSelf(NtfsTestImage image)
    {
        var names = new List<string>();
        foreach (var block in image.IndexBlocks())
        {
            var fixedUp = image.Bytes.AsSpan((int)block, 4096).ToArray();
            int usaOffset = BinaryPrimitives.ReadUInt16LittleEndian(fixedUp.AsSpan(4));
            int usaCount = BinaryPrimitives.ReadUInt16LittleEndian(fixedUp.AsSpan(6));
            for (var i = 1; i < usaCount; i++)
            {
                fixedUp.AsSpan(usaOffset + (2 * i), 2).CopyTo(fixedUp.AsSpan((i * 512) - 2));
            }

            var ownVcn = BinaryPrimitives.ReadInt64LittleEndian(fixedUp.AsSpan(0x10));
            var at = 0x18 + (int)BinaryPrimitives.ReadUInt32LittleEndian(fixedUp.AsSpan(0x18));
            while (true)
            {
                int length = BinaryPrimitives.ReadUInt16LittleEndian(fixedUp.AsSpan(at + 8));
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(fixedUp.AsSpan(at + 12));
                var vcnAt = at + length - 8;
                if ((flags & 1) != 0 && (flags & 2) == 0 && (vcnAt % 512) < 504)
                {
                    image.Write64(block + vcnAt, ownVcn);
                    names.Add(new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(fixedUp.AsSpan(at + 0x10 + 0x42, 2 * fixedUp[at + 0x10 + 0x40]))));
                }

                if ((flags & 2) != 0)
                {
                    break;
                }

                at += length;
            }
        }

        return names;
    }
}
