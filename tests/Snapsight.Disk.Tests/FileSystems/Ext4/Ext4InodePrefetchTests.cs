using System.Globalization;
using System.Text.RegularExpressions;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// Opening an ext4 volume hints the device at the inode tables in use, as dumpe2fs (the oracle) describes them: each
/// group's table from its start, for its inodes minus bg_itable_unused (none when INODE_UNINIT, all without checksums).
/// </summary>
public sealed partial class Ext4InodePrefetchTests
{
    [Theory]
    [InlineData("go-ext4/tiny.ext4")]
    [InlineData("go-ext4/hierarchy_32.ext4")]
    [InlineData("go-ext4/jbd2/tiny.ext4")]
    [InlineData("discutils/data.ext4.dat.gz")]
    public async Task Opening_hints_at_the_inode_tables_dumpe2fs_says_are_in_use(string image)
    {
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(SharedData.Path("fsimages"), image);
        if (image.EndsWith(".gz", StringComparison.Ordinal))
        {
            path = temp.Gunzip(path, "image.ext4");
        }

        using var device = new HintRecorder(new MemoryBlockDevice(await File.ReadAllBytesAsync(path)));
        using var fs = await Ext4FileSystem.OpenAsync(device);

        Assert.Equal(Expected(Tool.Run("dumpe2fs", path)), device.Hints);
    }

    /// <summary>The hints dumpe2fs's description of the volume calls for.</summary>
    private static List<(long Offset, long Length)> Expected(string dump)
    {
        long Field(string name) => long.Parse(Regex.Match(dump, $@"^{name}:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        var blockSize = Field("Block size");
        var inodeSize = Field("Inode size");
        var perGroup = Field("Inodes per group");
        var descriptorSize = Regex.IsMatch(dump, "^Group descriptor size:", RegexOptions.Multiline) ? Field("Group descriptor size") : 32;
        var features = Regex.Match(dump, "^Filesystem features:(.*)$", RegexOptions.Multiline).Groups[1].Value;
        var unusedKnown = features.Contains(" uninit_bg", StringComparison.Ordinal) || features.Contains(" metadata_csum", StringComparison.Ordinal);
        var hints = new List<(long, long)>();
        foreach (var group in GroupPattern().Matches(dump).Take((int)(blockSize / descriptorSize)))
        {
            var table = long.Parse(group.Groups["table"].Value, CultureInfo.InvariantCulture);
            var inUse = !unusedKnown ? perGroup
                : group.Groups["flags"].Value.Contains("INODE_UNINIT", StringComparison.Ordinal) ? 0
                : perGroup - (group.Groups["unused"].Success ? long.Parse(group.Groups["unused"].Value, CultureInfo.InvariantCulture) : 0);
            var blocks = (inUse * inodeSize + blockSize - 1) / blockSize;
            if (blocks > 0)
            {
                hints.Add((table * blockSize, blocks * blockSize));
            }
        }

        return hints;
    }

    [GeneratedRegex(@"^Group \d+: \(Blocks [^)]*\)(?<flags>[^\n]*)\n(?:(?!Group )[^\n]*\n)*?\s+Inode table at (?<table>\d+)-\d+[^\n]*\n(?:(?!Group )[^\n]*\n)*?(?:[^\n]*?(?<unused>\d+) unused inodes)?", RegexOptions.Multiline)]
    private static partial Regex GroupPattern();

    /// <summary>Reads pass through; prefetch hints are recorded.</summary>
    private sealed class HintRecorder(IBlockDevice inner) : IBlockDevice
    {
        public List<(long Offset, long Length)> Hints { get; } = [];

        public long Length => inner.Length;

        public int BlockSize => inner.BlockSize;

        public ReadStatistics Statistics => inner.Statistics;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(offset, buffer, cancellationToken);

        public void Prefetch(long offset, long length) => Hints.Add((offset, length));

        public void Dispose() => inner.Dispose();
    }
}
