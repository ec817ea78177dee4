using Snapsight.Disk.Checksums;
using Snapsight.Disk.Images.Vhdx;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.Images.HostileImages;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Hostile corpus, VHDX: real images with one field damaged each. Every case must end in a
/// DiskFormatException naming the problem, within the time and memory bar of <see cref="HostileInput"/>.
/// </summary>
public sealed class HostileVhdxImageTests
{
    private static readonly Guid FileParameters = new("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    private static readonly Guid VirtualDiskSize = new("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    private static readonly Guid MetadataRegion = new("8B7CA206-4790-4B9A-B8FE-575F050F886E");

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
        var metadata = FindMetadataRegion(image);
        for (var i = 0; i < 16; i++)
        {
            var entry = metadata + 32 + i * 32;
            if (new Guid(Read(image, entry, 16)) == VirtualDiskSize)
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
        var metadata = FindMetadataRegion(image);
        for (var i = 0; i < 16; i++)
        {
            var entry = metadata + 32 + i * 32;
            if (new Guid(Read(image, entry, 16)) == FileParameters)
            {
                WriteU32LittleEndian(image, metadata + ReadU32LittleEndian(image, entry + 16) + 4, 2); // HasParent
            }
        }

        var error = Assert.IsType<UnsupportedFeatureException>(HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)));
        Assert.Contains("differencing disk (has parent)", error.Features);
    }

    private static long FindMetadataRegion(string image)
    {
        for (var i = 0; i < 8; i++)
        {
            var entry = 192 * 1024 + 16 + i * 32;
            if (new Guid(Read(image, entry, 16)) == MetadataRegion)
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
}
