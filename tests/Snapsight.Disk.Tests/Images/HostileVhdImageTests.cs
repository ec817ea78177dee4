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

        Assert.Contains("max table entries 4294967295 exceeds", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhd_max_table_entries_past_int_range_in_a_sparse_file_of_8_gib()
    {
        // 2^31 entries fit a sparse file of 8 GiB and more, so the file-length bound alone let the
        // count through and it turned negative as an int. The footer moves to the new end.
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vpc", "-o", "subformat=dynamic,force_size=on");
        var length = new FileInfo(image).Length;
        var footer = Read(image, length - 512, 512);
        var header = (long)ReadU64BigEndian(image, length - 512 + 16);
        var bat = (long)ReadU64BigEndian(image, header + 16);
        var sparseLength = bat + (4L << 31) + 1024;
        using (var file = new FileStream(image, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(sparseLength);
        }

        Write(image, sparseLength - 512, footer);
        WriteU32BigEndian(image, header + 28, 0x8000_0000);
        FixVhdChecksum(image, header, 1024, 36);

        Assert.Contains("max table entries 2147483648 exceeds", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
    }

    [Fact]
    public void Vhd_bat_runs_past_the_end_of_the_file()
    {
        // 1000 entries are within the format's limits, but the BAT then runs 4000 bytes from near the file's end.
        using var dir = new TempDirectory();
        var image = Make(dir, "-O", "vpc", "-o", "subformat=dynamic,force_size=on");
        var length = new FileInfo(image).Length;
        var header = (long)ReadU64BigEndian(image, length - 512 + 16);
        WriteU64BigEndian(image, header + 16, (ulong)(length - 1024));
        WriteU32BigEndian(image, header + 28, 1000);
        FixVhdChecksum(image, header, 1024, 36);

        Assert.Contains("BAT of 1000 entries", HostileInput.Rejects(ct => OpenAndReadAsync(image, ct)).Message);
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
