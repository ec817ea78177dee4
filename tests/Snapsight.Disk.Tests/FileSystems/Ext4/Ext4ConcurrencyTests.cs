using System.Collections.Concurrent;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>One file system shared by many concurrent readers: positional I/O and the shared cache must not mix them up.</summary>
public sealed class Ext4ConcurrencyTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    [Fact]
    public async Task Concurrent_walks_lookups_and_reads_agree_with_the_source()
    {
        using var device = FileBlockDevice.Open(images.Ext4);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        string[] files = ["plain", "fragmented", "indirect", "inline", "dir/sub/file"];
        var expected = files.ToDictionary(f => f, f => Ext4SourceTree.Sha256OfFile(Path.Combine(images.Tree, f)));

        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var file = files[i % files.Length];
            var node = fs.RootNode;
            foreach (var part in file.Split('/'))
            {
                node = (await fs.FindEntryAsync(node, part, ct))!.Value.Node;
            }

            Assert.Equal(expected[file], await FileSystemWalk.Sha256Async(fs, node, ct));
            var many = (await fs.FindEntryAsync(fs.RootNode, "many", ct))!.Value.Node;
            Assert.NotNull(await fs.FindEntryAsync(many, $"entry_number_{1 + (i * 7 % 400)}", ct));
            Assert.Equal(400, await fs.ReadDirectoryAsync(many, ct).CountAsync(ct));
        });
    }

    /// <summary>
    /// Readers asking at once for blocks nobody has read yet share one fetch of each: with the inventory's analyzers
    /// running side by side, a block read twice made the bytes read vary from run to run.
    /// </summary>
    [Fact]
    public async Task Concurrent_lookups_of_the_same_path_read_each_block_once()
    {
        using var file = FileBlockDevice.Open(images.Ext4);
        using var device = new SlowCountingDevice(file);
        using var fs = await Ext4FileSystem.OpenAsync(device);
        device.Reads.Clear();

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var node = fs.RootNode;
            foreach (var part in "dir/sub/file".Split('/'))
            {
                node = (await fs.FindEntryAsync(node, part, ct))!.Value.Node;
            }
        });

        Assert.NotEmpty(device.Reads);
        Assert.All(device.Reads, read => Assert.True(read.Value == 1, $"offset {read.Key} was read {read.Value} times"));
    }

    /// <summary>Counts the reads at each offset, each taking long enough for concurrent readers to overlap.</summary>
    private sealed class SlowCountingDevice(IBlockDevice inner) : IBlockDevice
    {
        public ConcurrentDictionary<long, int> Reads { get; } = new();

        public long Length => inner.Length;

        public int BlockSize => inner.BlockSize;

        public ReadStatistics Statistics => inner.Statistics;

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads.AddOrUpdate(offset, 1, (_, count) => count + 1);
            await Task.Delay(20, cancellationToken);
            return await inner.ReadAsync(offset, buffer, cancellationToken);
        }

        public void Dispose()
        {
        }
    }
}
