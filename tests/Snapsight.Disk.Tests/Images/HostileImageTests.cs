using System.Buffers.Binary;
using System.IO.Compression;
using Snapsight.Disk.Images.Vhdx;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.Images.HostileImages;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// The hostile corpus: real images with one field damaged each. Every case must end in a
/// DiskFormatException naming the problem, within the time and memory bar of <see cref="HostileInput"/>.
/// </summary>
public sealed class HostileImageTests
{
    private static readonly Guid VhdxMetadataRegion = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static readonly Guid VhdxFileParameters = new("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    private static readonly Guid VhdxVirtualDiskSize = new("2FA54224-CD1B-4876-B211-5DBED83BF4B8");

    [Theory]
    [InlineData(3u)]
    [InlineData(30u)]
    [InlineData(0xFFFFFFFFu)]
    public void Qcow2_cluster_bits_out_of_range(uint clusterBits)
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "qcow2");
        WriteU32BigEndian(image, 20, clusterBits); // header.cluster_bits

        var error = HostileInput.Rejects(ct => OpenAndReadAsync(image, ct));
        Assert.Contains($"cluster_bits {clusterBits}", error.Message);
    }

    [Fact]
    public void Qcow2_huge_l1_size()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "qcow2");
        WriteU32BigEndian(image, 36, 0x7FFF_FFFF); // header.l1_size

        Assert.Contains("l1_size", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Qcow2_l2_table_offset_past_the_end()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "qcow2");
        var l1 = (long)ReadU64BigEndian(image, 40);
        WriteU64BigEndian(image, l1, 0x8000_7FFF_FFFF_0000); // L1[0]: COPIED, L2 at ~128 TiB

        var error = HostileInput.Rejects(ct => OpenAndReadAsync(image, ct));
        Assert.Equal("qcow2.L2", error.Structure);
    }

    [Fact]
    public void Qcow2_l2_table_aliasing_the_l1_table_is_survived()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "qcow2");
        var l1 = (long)ReadU64BigEndian(image, 40);
        WriteU64BigEndian(image, l1, 0x8000_0000_0000_0000 | (ulong)l1); // L1[0] points at the L1 table itself

        // Tables of different sizes now share pages: any outcome but a crash or a non-format error is fine.
        HostileInput.Run(ct => OpenAndReadAsync(image, ct));
    }

    [Fact]
    public void Qcow2_data_cluster_past_the_end()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "qcow2");
        var l2 = (long)(ReadU64BigEndian(image, (long)ReadU64BigEndian(image, 40)) & 0x00FF_FFFF_FFFF_FE00);
        WriteU64BigEndian(image, l2, 0x8000_0000_7FFF_0000); // L2[0]: a data cluster at 2 GiB in a 1 MiB file

        Assert.Contains("past the end", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Qcow2_compressed_cluster_that_inflates_beyond_the_cluster_size()
    {
        using var dir = new TempDirectory();
        // Cluster 0 holds bytes of 16 values only: they compress to about half, leaving room for the bomb.
        var raw = dir.File("source.raw");
        var bytes = new byte[1024 * 1024];
        var random = new Random(1);
        for (var i = 0; i < 65536; i++)
        {
            bytes[i] = (byte)random.Next(16);
        }

        File.WriteAllBytes(raw, bytes);
        var image = dir.File("disk.qcow2");
        TestImages.Convert(raw, image, "-O", "qcow2", "-c");
        var l2 = (long)(ReadU64BigEndian(image, (long)ReadU64BigEndian(image, 40)) & 0x00FF_FFFF_FFFF_FE00);
        var entry = ReadU64BigEndian(image, l2);
        Assert.True((entry & (1UL << 62)) != 0, "cluster 0 should be compressed");
        var host = (long)(entry & ((1UL << 54) - 1)); // x = 62 - (16 - 8) = 54
        var room = (long)((entry >> 54) & 0xFF) * 512 + 512 - (host & 511);

        using var bomb = new MemoryStream();
        using (var deflate = new DeflateStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(new byte[16 * 1024 * 1024]); // 16 MiB of zeros for a 64 KiB cluster
        }

        Assert.True(bomb.Length <= room, $"the bomb ({bomb.Length} bytes) must fit the {room} bytes of the cluster");
        Write(image, host, bomb.ToArray());

        var error = HostileInput.Rejects(ct => OpenAndReadAsync(image, ct));
        Assert.Contains("more than the unit size", error.Message);
    }

    [Fact]
    public void Qcow2_truncated_before_its_l1_table()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "qcow2");
        using (var file = File.OpenWrite(image))
        {
            file.SetLength(70_000);
        }

        Assert.Contains("L1 table", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vmdk_grain_directory_past_the_end()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vmdk", "-o", "subformat=monolithicSparse");
        WriteU64LittleEndian(image, 56, 0x0000_0100_0000_0000); // header.gdOffset, in sectors

        Assert.Contains("grain directory", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vmdk_grain_directory_entry_pointing_past_the_end()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vmdk", "-o", "subformat=monolithicSparse");
        var gd = (long)ReadU64LittleEndian(image, 56) * 512;
        WriteU32LittleEndian(image, gd, 0x7FFF_FFF0); // GD[0]: a grain table at ~1 TiB

        Assert.Equal("vmdk.grain-table", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Structure);
    }

    [Fact]
    public void Vmdk_stream_optimized_grain_marker_with_a_huge_size()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vmdk", "-o", "subformat=streamOptimized");
        var gd = (long)ReadU64LittleEndian(image, 56) * 512;
        var gt = (long)ReadU32LittleEndian(image, gd) * 512;
        var grain = (long)ReadU32LittleEndian(image, gt) * 512;
        WriteU32LittleEndian(image, grain + 8, 0xFFFF_FFF0); // marker.size

        Assert.Equal("vmdk.grain-marker", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Structure);
    }

    [Fact]
    public void Vmdk_stream_optimized_footer_with_a_bad_magic_after_a_good_probe()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vmdk", "-o", "subformat=streamOptimized");
        MoveGrainDirectoryToFooter(image);
        Write(image, new FileInfo(image).Length - 1024, "XXXX"u8);

        Assert.Contains("KDMV", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhd_bat_entry_past_the_end()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vpc", "-o", "subformat=dynamic,force_size=on");
        var header = (long)ReadU64BigEndian(image, new FileInfo(image).Length - 512 + 16);
        var bat = (long)ReadU64BigEndian(image, header + 16);
        WriteU32BigEndian(image, bat, 0x7FFF_FFF0); // BAT[0]: a block at ~1 TiB

        Assert.Contains("past the end", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhd_enormous_max_table_entries_with_a_valid_checksum()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vpc", "-o", "subformat=dynamic,force_size=on");
        var header = (long)ReadU64BigEndian(image, new FileInfo(image).Length - 512 + 16);
        WriteU32BigEndian(image, header + 28, 0xFFFF_FFFF);
        FixVhdChecksum(image, header, 1024, 36);

        Assert.Contains("BAT of 4294967295 entries", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhd_with_both_footer_copies_damaged()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vpc", "-o", "subformat=dynamic,force_size=on");
        Write(image, new FileInfo(image).Length - 512 + 48, new byte[] { 0x7F }); // current size, checksum now wrong
        Write(image, 48, new byte[] { 0x7F });

        Assert.Contains("checksum", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhdx_with_both_headers_failing_their_crc()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vhdx");
        Write(image, 64 * 1024 + 100, new byte[] { 0x5A });
        Write(image, 128 * 1024 + 100, new byte[] { 0x5A });

        Assert.Contains("CRC-32C", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhdx_region_table_with_overlapping_regions()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vhdx");
        foreach (var table in new long[] { 192 * 1024, 256 * 1024 })
        {
            var first = ReadU64LittleEndian(image, table + 16 + 16);
            WriteU64LittleEndian(image, table + 16 + 32 + 16, first); // the second region starts where the first does
            FixVhdxChecksum(image, table, 64 * 1024);
        }

        Assert.Contains("overlaps", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhdx_virtual_size_too_large_for_its_bat()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vhdx");
        var metadata = FindVhdxMetadataRegion(image);
        for (var i = 0; i < 16; i++)
        {
            var entry = metadata + 32 + i * 32;
            if (new Guid(Read(image, entry, 16)) == VhdxVirtualDiskSize)
            {
                WriteU64LittleEndian(image, metadata + ReadU32LittleEndian(image, entry + 16), 64UL << 40); // 64 TiB
            }
        }

        Assert.Contains("cannot hold the", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhdx_with_a_log_to_replay_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vhdx");
        foreach (var header in new long[] { 64 * 1024, 128 * 1024 })
        {
            Write(image, header + 48, Enumerable.Repeat((byte)0x42, 16).ToArray()); // LogGuid: a log is active
            FixVhdxChecksum(image, header, 4 * 1024);
        }

        var error = Assert.IsType<UnsupportedFeatureException>(HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)));
        Assert.Contains("log replay", error.Features);
    }

    [Fact]
    public void Vhdx_differencing_disk_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vhdx");
        var metadata = FindVhdxMetadataRegion(image);
        for (var i = 0; i < 16; i++)
        {
            var entry = metadata + 32 + i * 32;
            if (new Guid(Read(image, entry, 16)) == VhdxFileParameters)
            {
                WriteU32LittleEndian(image, metadata + ReadU32LittleEndian(image, entry + 16) + 4, 2); // HasParent
            }
        }

        var error = Assert.IsType<UnsupportedFeatureException>(HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)));
        Assert.Contains("differencing disk (has parent)", error.Features);
    }

    [Fact]
    public void Vmdk_descriptor_naming_a_missing_extent()
    {
        using var dir = new TempDirectory();
        var descriptor = dir.File("disk.vmdk");
        File.WriteAllText(descriptor, "# Disk DescriptorFile\nversion=1\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\nRW 2048 FLAT \"disk-flat.vmdk\" 0\n");

        Assert.Contains("does not exist", HostileInput.Rejects(ct => OpenAndReadAsync(descriptor, ct)).Message);
    }

    [Theory]
    [InlineData("../secret-flat.vmdk")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/disk-flat.vmdk")]
    public void Vmdk_descriptor_naming_an_extent_outside_its_directory(string extent)
    {
        using var dir = new TempDirectory();
        var descriptor = dir.File("disk.vmdk");
        File.WriteAllText(descriptor, $"# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n# Extent description\nRW 2048 FLAT \"{extent}\" 0\n");

        var error = HostileInput.Rejects(ct => OpenAndReadAsync(descriptor, ct));
        Assert.Contains("not a plain file name", error.Message);
    }

    private static long FindVhdxMetadataRegion(string image)
    {
        for (var i = 0; i < 8; i++)
        {
            var entry = 192 * 1024 + 16 + i * 32;
            if (new Guid(Read(image, entry, 16)) == VhdxMetadataRegion)
            {
                return (long)ReadU64LittleEndian(image, entry + 16);
            }
        }

        throw new InvalidOperationException("qemu-img wrote no metadata region");
    }

    private static void FixVhdxChecksum(string image, long offset, int length)
    {
        var bytes = Read(image, offset, length);
        WriteU32LittleEndian(image, offset + 4, Crc32C.ComputeWithZeroedField(bytes, 4));
    }

    private static void FixVhdChecksum(string image, long offset, int length, int checksumOffset)
    {
        var bytes = Read(image, offset, length);
        uint sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += i >= checksumOffset && i < checksumOffset + 4 ? 0u : bytes[i];
        }

        var checksum = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(checksum, ~sum);
        Write(image, offset + checksumOffset, checksum);
    }
}
