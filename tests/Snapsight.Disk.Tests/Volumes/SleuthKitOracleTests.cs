using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Disk.Volumes;

namespace Snapsight.Disk.Tests.Volumes;

/// <summary>
/// The Sleuth Kit reads the same partitions of the same disk on its own: every (path, inode)
/// that `fls -r -p -u` lists must be what our walk finds, and nothing more.
/// </summary>
public sealed class SleuthKitOracleTests
{
    [Theory]
    [InlineData("gpt-disk.raw", "p2", true)]   // ext4 root, 2 GiB, over 30,000 entries
    [InlineData("gpt-disk.raw", "p1", false)]  // FAT32 EFI system partition: TSK numbers FAT files its own way
    [InlineData("mbr-disk.raw", "p5", true)]   // ext4 in a logical partition, reached through the EBR chain
    public async Task Our_walk_lists_exactly_what_fls_lists(string image, string volumeName, bool compareInodes)
    {
        using var inspection = await DiskInspector.InspectAsync(DebianImages.Path(image));
        var volume = inspection.Volumes.Single(v => v.Name == volumeName);
        var tree = new FileTree(volume.FileSystem!);
        var ours = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var entry in tree.WalkAsync("/"))
        {
            ours.Add(compareInodes ? $"{entry.Path}\t{entry.Node.Id}" : entry.Path);
        }

        var sectorOffset = (volume.Offset!.Value / 512).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fls = Tool.Run("fls", "-r", "-p", "-u", "-o", sectorOffset, DebianImages.Path(image));
        var theirs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in fls.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "r/r 1234:\tetc/passwd"; TSK adds virtual entries ($OrphanFiles, $MBR, $FAT1…) and
            // shows a FAT volume label as a file: neither is a file in the file system.
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var path = "/" + line[(tab + 1)..];
            if (path.StartsWith("/$", StringComparison.Ordinal) || line.EndsWith("(Volume Label Entry)", StringComparison.Ordinal))
            {
                continue;
            }

            var inode = line[..tab].Split(' ')[^1].TrimEnd(':').Split('-')[0];
            theirs.Add(compareInodes ? $"{path}\t{inode}" : path);
        }

        Assert.True(theirs.Count >= (volumeName == "p2" ? 30_000 : 3), $"fls listed only {theirs.Count} entries");
        Assert.Equal(theirs.Except(ours).Take(10).ToList(), []);
        Assert.Equal(ours.Except(theirs).Take(10).ToList(), []);
    }
}
