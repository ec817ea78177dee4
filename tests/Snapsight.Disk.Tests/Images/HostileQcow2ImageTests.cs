using System.IO.Compression;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.Images.HostileImages;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Hostile corpus, qcow2: real images with one field damaged each. Every case must end in a
/// DiskFormatException naming the problem, within the time and memory bar of <see cref="HostileInput"/>.
/// </summary>
public sealed class HostileQcow2ImageTests
{
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
}
