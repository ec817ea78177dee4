using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>Features we accept for the volume but report: casefold (a warning) and encrypt (per inode).</summary>
public sealed class Ext4FeatureTests
{
    private const uint EncryptFlag = 0x800; // EXT4_ENCRYPT_FL in i_flags (inode offset 0x20)

    [Fact]
    public async Task Casefold_volumes_open_with_a_warning_and_list_names_as_stored()
    {
        using var temp = new TempDirectory();
        var image = MakeImage(temp, "casefold");
        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        Assert.Contains(fs.Warnings, w => w.StartsWith("casefold", StringComparison.Ordinal));
        Assert.Contains("MixedCase.txt", (await FileSystemWalk.WalkAsync(fs)).Keys);
    }

    [Fact]
    public async Task Encrypted_inodes_are_refused_by_feature_name()
    {
        using var temp = new TempDirectory();
        var image = MakeImage(temp, "encrypt");
        // Both offsets first: once /secret is flagged, debugfs will not look inside it either.
        var file = InodeNumber(image, "/secret/MixedCase.txt");
        var offsets = new List<long> { InodeOffset(image, "/secret") + 0x20, InodeOffset(image, "/secret/MixedCase.txt") + 0x20 };
        foreach (var at in offsets)
        {
            using var stream = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
            WriteUInt32(stream, at, ReadUInt32(stream, at) | EncryptFlag);
        }

        using var device = FileBlockDevice.Open(image);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        var secret = await ((IFileSystem)fs).FindEntryAsync(fs.RootNode, "secret");
        Assert.NotNull(secret);
        var listing = await Assert.ThrowsAsync<UnsupportedFeatureException>(async () =>
        {
            await foreach (var entry in fs.ReadDirectoryAsync(secret.Value.Node))
            {
                Assert.Fail($"listed {entry.Name} of an encrypted directory");
            }
        });
        Assert.Equal(["encrypt"], listing.Features);

        Assert.Equal(["encrypt"], (await Assert.ThrowsAsync<UnsupportedFeatureException>(async () => await fs.OpenReadAsync(file))).Features);
    }

    private static string MakeImage(TempDirectory temp, string feature)
    {
        var tree = temp.File("tree");
        Ext4SourceTree.Build(tree, "set -e; mkdir secret; printf 'abc' > MixedCase.txt; printf 'def' > secret/MixedCase.txt");
        var image = temp.File("fs.img");
        Tool.Run("truncate", "-s", "8M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-b", "4096", "-O", feature, "-d", tree, image);
        return image;
    }
}
