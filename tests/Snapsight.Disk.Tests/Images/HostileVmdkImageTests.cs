using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.Images.HostileImages;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// Hostile corpus, VMDK: real images with one field damaged each. Every case must end in a
/// DiskFormatException naming the problem, within the time and memory bar of <see cref="HostileInput"/>.
/// </summary>
public sealed class HostileVmdkImageTests
{
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
}
