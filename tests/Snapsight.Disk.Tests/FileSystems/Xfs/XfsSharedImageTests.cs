using System.Text.Json;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// The generated XFS images under ../shared/data/fsimages (made with mkfs.xfs 6.1 by someone
/// else): every path, type, mode, size, SHA-256 and link target of their manifests must match.
/// </summary>
public sealed class XfsSharedImageTests
{
    private static readonly string Generated = SharedData.Path("fsimages", "generated");

    [Fact]
    public async Task Dirformats_image_matches_its_manifest()
    {
        using var temp = new TempDirectory();
        var image = XfsTestImage.Gunzip(Path.Combine(Generated, "xfs-dirformats.img.gz"), temp);
        using var device = FileBlockDevice.Open(image);
        await CompareWithManifestAsync(device, Path.Combine(Generated, "xfs-dirformats.expected.json"), "c0ffee00-0000-4000-8000-00000000f5f5");
    }

    [Fact]
    public async Task Al2023_root_partition_matches_its_manifest()
    {
        using var temp = new TempDirectory();
        var image = XfsTestImage.Gunzip(Path.Combine(Generated, "al2023-gpt-xfs.img.gz"), temp);
        var manifest = Path.Combine(Generated, "al2023-gpt-xfs.expected.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var partition = json.RootElement.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("fs").ValueKind == JsonValueKind.String && p.GetProperty("fs").GetString() == "xfs");
        var start = partition.GetProperty("start_lba").GetInt64() * 512;
        var length = (partition.GetProperty("end_lba").GetInt64() + 1) * 512 - start;

        using var disk = FileBlockDevice.Open(image);
        using var device = new SliceBlockDevice(disk, start, length);
        await CompareWithManifestAsync(device, manifest, partition.GetProperty("fs_uuid").GetString()!);
    }

    private static async Task CompareWithManifestAsync(IBlockDevice device, string manifestPath, string uuid)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(manifestPath));
        using var fs = await XfsFileSystem.OpenAsync(device);
        Assert.Equal(uuid, fs.Uuid);
        var walked = await XfsTreeWalker.WalkAsync(fs);

        var expectedPaths = new List<string>();
        foreach (var file in json.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString()!;
            expectedPaths.Add(path);
            Assert.True(walked.TryGetValue(path, out var actual), $"{path} missing");
            Assert.Equal(file.GetProperty("type").GetString(), actual.Node.Type.ToContractName());
            if (file.TryGetProperty("mode", out var mode))
            {
                Assert.Equal(mode.GetString(), "0o" + Convert.ToString(actual.Node.Permissions, 8));
            }

            if (file.TryGetProperty("size", out var size))
            {
                Assert.Equal(size.GetInt64(), actual.Node.Size);
            }

            if (file.TryGetProperty("sha256", out var sha))
            {
                Assert.Equal(sha.GetString(), actual.Sha256);
            }

            if (file.TryGetProperty("target", out var target))
            {
                Assert.Equal(target.GetString(), actual.Target);
            }
        }

        Assert.Equal(expectedPaths.Order(StringComparer.Ordinal), walked.Keys.Order(StringComparer.Ordinal));
    }
}
