using System.Buffers.Binary;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.Images.HostileImages;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Hostile corpus, VHD: real images with one field damaged each. Every case must end in a
/// DiskFormatException naming the problem, within the time and memory bar of <see cref="HostileInput"/>.
/// </summary>
public sealed class HostileVhdImageTests
{
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
    public void Vhd_differencing_disk_is_refused_naming_its_parent()
    {
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vpc", "-o", "subformat=dynamic,force_size=on");
        var end = new FileInfo(image).Length - 512;
        var header = (long)ReadU64BigEndian(image, end + 16);
        Write(image, header + 64, System.Text.Encoding.BigEndianUnicode.GetBytes("parent-disk.vhd"));
        FixVhdChecksum(image, header, 1024, 36);
        foreach (var footer in new[] { 0L, end })
        {
            WriteU32BigEndian(image, footer + 60, 4); // disk type: differencing
            FixVhdChecksum(image, footer, 512, 64);
        }

        var error = Assert.IsType<UnsupportedFeatureException>(HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)));
        Assert.Contains("differencing disk", error.Features);
        Assert.Contains("parent-disk.vhd", error.Message);
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
