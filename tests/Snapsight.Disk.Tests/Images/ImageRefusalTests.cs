using Snapsight.Disk.Images;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Images;

/// <summary>Images using features we deliberately do not read are refused by name, never misread.</summary>
public sealed class ImageRefusalTests
{
    [Fact]
    public async Task Qcow2_with_a_backing_file_is_refused_naming_the_backing_file()
    {
        using var dir = new TempDirectory();
        Tool.Run("qemu-img", "create", "-q", "-f", "qcow2", dir.File("base-disk.qcow2"), "1M");
        Tool.Run("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base-disk.qcow2", "-F", "qcow2", dir.File("top.qcow2"));

        var error = await Assert.ThrowsAsync<UnsupportedFeatureException>(() => DiskImage.OpenAsync(dir.File("top.qcow2")));
        Assert.Contains("backing file", error.Features);
        Assert.Contains("base-disk.qcow2", error.Message);
    }

    [Fact]
    public async Task Vmdk_delta_link_is_refused_naming_its_parent()
    {
        using var dir = new TempDirectory();
        Tool.Run("qemu-img", "create", "-q", "-f", "vmdk", dir.File("parent-disk.vmdk"), "1M");
        Tool.Run("qemu-img", "create", "-q", "-f", "vmdk", "-b", "parent-disk.vmdk", "-F", "vmdk", dir.File("child.vmdk"));

        var error = await Assert.ThrowsAsync<UnsupportedFeatureException>(() => DiskImage.OpenAsync(dir.File("child.vmdk")));
        Assert.Contains("delta link (parent disk)", error.Features);
        Assert.Contains("parent-disk.vmdk", error.Message);
    }

    [Theory]
    [InlineData("compression_type=zstd", "zstd compression")]
    [InlineData("extended_l2=on", "extended L2 entries")]
    [InlineData("data_file=external.raw", "external data file")]
    public async Task Qcow2_incompatible_features_we_do_not_read_are_refused_by_name(string option, string feature)
    {
        using var dir = new TempDirectory();
        Tool.Run("qemu-img", "create", "-q", "-f", "qcow2", "-o", option, dir.File("disk.qcow2"), "1M");

        var error = await Assert.ThrowsAsync<UnsupportedFeatureException>(() => DiskImage.OpenAsync(dir.File("disk.qcow2")));
        Assert.Contains(feature, error.Features);
    }

    [Fact]
    public async Task Encrypted_qcow2_is_refused()
    {
        using var dir = new TempDirectory();
        // qemu-img times PBKDF2 to pick the LUKS iteration count, and on a busy machine that timing
        // sometimes fails ("Unable to get accurate CPU usage"): a tool hiccup, so try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Tool.Run("qemu-img", "create", "-q", "-f", "qcow2", "--object", "secret,id=sec0,data=password",
                    "-o", "encrypt.format=luks,encrypt.key-secret=sec0,encrypt.iter-time=50", dir.File("disk.qcow2"), "1M");
                break;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
            }
        }

        var error = await Assert.ThrowsAsync<UnsupportedFeatureException>(() => DiskImage.OpenAsync(dir.File("disk.qcow2")));
        Assert.Contains("encryption (LUKS)", error.Features);
    }

    [Fact]
    public async Task A_file_no_probe_claims_is_raw_and_an_empty_file_is_an_empty_raw_disk()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[70_000];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(dir.File("disk.qcow2"), bytes); // the name must not matter
        File.WriteAllBytes(dir.File("empty"), []);

        using var random = await DiskImage.OpenAsync(dir.File("disk.qcow2"));
        Assert.Equal(DiskImageFormats.Raw, random.Format);
        Assert.Equal(bytes, TestImages.ReadAll(random.Device));
        using var empty = await DiskImage.OpenAsync(dir.File("empty"));
        Assert.Equal(0, empty.Device.Length);
    }

    [Fact]
    public async Task A_raw_disk_that_merely_ends_with_the_vhd_cookie_is_raw()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[64 * 1024];
        new Random(8).NextBytes(bytes);
        "conectix"u8.CopyTo(bytes.AsSpan(bytes.Length - 512)); // no valid footer checksum follows
        File.WriteAllBytes(dir.File("disk.vhd"), bytes);

        using var opened = await DiskImage.OpenAsync(dir.File("disk.vhd"));
        Assert.Equal(DiskImageFormats.Raw, opened.Format);
        Assert.Equal(bytes.Length, opened.Device.Length);
    }
}
