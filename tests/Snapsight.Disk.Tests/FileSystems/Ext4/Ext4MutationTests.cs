using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Disk.Tests.FileSystems.Ext4.Ext4SmallImages;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Random damage to the metadata of real images (superblock, group descriptors, the first inodes,
/// directory, extent and indirect blocks): whatever CsCheck writes there, opening, a bounded
/// walk and reading must clear the hostile-input bar.
/// </summary>
public sealed class Ext4MutationTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    [Theory]
    [InlineData("ext4")]
    [InlineData("ext2")]
    [InlineData("inline")]
    public void Random_metadata_damage_never_escapes_as_another_exception(string flavour)
    {
        var image = flavour switch { "ext4" => images.Ext4, "ext2" => images.Ext2, _ => images.Inline };
        var pristine = File.ReadAllBytes(image);
        var regions = MetadataRegions(image);
        var mutation = Gen.Select(Gen.Int[0, regions.Count - 1], Gen.Int[0, BlockSize - 1], Gen.Byte);
        mutation.Array[1, 16].Sample(changes =>
        {
            var bytes = (byte[])pristine.Clone();
            foreach (var (region, at, value) in changes)
            {
                var (start, length) = regions[region];
                bytes[start + (at % length)] = value;
            }

            HostileInput.Run(ct => WalkAndReadAsync(bytes, ct));
        }, iter: 150, threads: 1);
    }

    /// <summary>Opens, walks breadth-first (at most 500 entries, depth 6), looks names up and reads up to 64 KiB of each file.</summary>
    private static async Task WalkAndReadAsync(byte[] bytes, CancellationToken ct)
    {
        using var device = new MemoryBlockDevice(bytes);
        using var fs = await Ext4FileSystem.OpenAsync(device, ct);
        var pending = new Queue<(long Node, int Depth)>([(fs.RootNode, 0)]);
        var seen = 0;
        var buffer = new byte[65536];
        while (pending.TryDequeue(out var directory) && seen < 500)
        {
            // Lookups go through the hash tree where there is one: a name that exists in /many and one that does not.
            await fs.FindEntryAsync(directory.Node, "entry_number_7", ct);
            await fs.FindEntryAsync(directory.Node, "missing", ct);
            await foreach (var entry in fs.ReadDirectoryAsync(directory.Node, ct))
            {
                if (++seen > 500)
                {
                    break;
                }

                var node = await fs.GetNodeAsync(entry.Node, ct);
                if (node.Type == FileType.Directory && directory.Depth < 6)
                {
                    pending.Enqueue((node.Id, directory.Depth + 1));
                }
                else if (node.Type == FileType.Symlink)
                {
                    await fs.ReadLinkAsync(node.Id, ct);
                }
                else if (node.Type == FileType.File)
                {
                    await using var stream = await fs.OpenReadAsync(node.Id, ct);
                    await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
                }
            }
        }
    }

    /// <summary>Byte ranges worth damaging, found with debugfs: superblock, descriptors, inodes 1–16, the tree's first blocks.</summary>
    private static List<(int Start, int Length)> MetadataRegions(string image)
    {
        var blockSize = BlockSizeOf(image);
        var rootInode = InodeOffset(image, "/");
        var regions = new List<(int Start, int Length)>
        {
            (SuperblockOffset, 1024),
            ((blockSize == 1024 ? 2 : 1) * blockSize, blockSize),
            ((int)rootInode - 256, 16 * 256),
        };
        foreach (var path in new[] { "/", "/dir", "/dir/sub", "/fragmented", "/indirect", "/inline", "/many" })
        {
            regions.Add(((int)InodeOffset(image, path), 256));
            var blocks = Tool.Run("debugfs", "-R", $"blocks {path}", image).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (blocks.Length > 0 && long.TryParse(blocks[0], out var first))
            {
                regions.Add(((int)(first * blockSize), blockSize));
            }
        }

        return regions;
    }
}
