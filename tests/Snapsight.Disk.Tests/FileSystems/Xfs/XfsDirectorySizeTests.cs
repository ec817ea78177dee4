using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Xfs;
using static Snapsight.Disk.Tests.FileSystems.Xfs.XfsCraft;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// A directory's di_size damaged to 0 or to 2^63 − 1 (where adding a block size overflowed)
/// once made block and node directories list as empty without a word. The extent map says
/// which data blocks exist, so the listing must stay complete and the disagreement be recorded.
/// </summary>
public sealed class XfsDirectorySizeTests(XfsHostileImage image) : IClassFixture<XfsHostileImage>
{
    [Theory]
    [InlineData("/block", 0L)]
    [InlineData("/block", long.MaxValue)]
    [InlineData("/node", 0L)]
    [InlineData("/node", long.MaxValue)]
    [InlineData("/node", 4097L)]
    public async Task A_damaged_di_size_still_lists_every_entry_and_is_reported(string path, long size)
    {
        var (inode, offset) = path == "/block" ? image.Block : image.Node;
        var (expected, pristineWarnings) = await ListAsync(image.Copy(), inode);
        Assert.NotEmpty(expected);
        Assert.DoesNotContain(pristineWarnings, w => w.Contains("di_size", StringComparison.Ordinal));

        var bytes = image.Copy();
        U64(bytes, offset + 0x38, (ulong)size); // di_size
        FixInodeCrc(bytes, offset);
        var (names, warnings) = await ListAsync(bytes, inode);

        Assert.Equal(expected, names);
        Assert.Contains(warnings, w => w.Contains($"directory inode {inode}: di_size {size} disagrees", StringComparison.Ordinal));
    }

    private static async Task<(List<string> Names, IReadOnlyList<string> Warnings)> ListAsync(byte[] bytes, ulong inode)
    {
        using var device = new MemoryBlockDevice(bytes);
        using var fs = await XfsFileSystem.OpenAsync(device, CancellationToken.None);
        var names = new List<string>();
        await foreach (var entry in fs.ReadDirectoryAsync((long)inode))
        {
            names.Add(entry.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return (names, fs.Warnings);
    }
}
