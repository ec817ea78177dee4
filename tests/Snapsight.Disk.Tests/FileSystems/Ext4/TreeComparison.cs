using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// One line per path — type, permission bits, owner, modification second, size, content hash,
/// link target, device numbers — written once from the source tree (find, stat, the source files) and once from our
/// walk, so a failing comparison shows the first differing path.
/// </summary>
public static class TreeComparison
{
    public static List<string> DescribeSource(string root, Dictionary<string, SourceEntry> entries)
    {
        var lines = new List<string>();
        foreach (var entry in entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            var path = Path.Combine(root, entry.Path);
            var detail = entry.Type switch
            {
                'f' => $"size={entry.Size} sha256={Ext4SourceTree.Sha256OfFile(path)}",
                'l' => $"size={entry.Size} target={entry.Target}",
                'c' or 'b' => $"device={Ext4SourceTree.DeviceNumbers(path)}",
                _ => "",
            };
            lines.Add($"{entry.Path} type={entry.Type} mode={Convert.ToString(entry.Permissions, 8)} uid={entry.Uid} gid={entry.Gid} mtime={entry.ModifiedSeconds} {detail}");
        }

        return lines;
    }

    /// <summary>Our side; mkfs's own lost+found is left out.</summary>
    public static async Task<List<string>> DescribeOursAsync(Ext4FileSystem fs, Dictionary<string, WalkedEntry> walked)
    {
        var lines = new List<string>();
        foreach (var entry in walked.Values.Where(e => e.Path != "lost+found").OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            var node = entry.Node;
            var type = node.Type switch
            {
                FileType.File => 'f',
                FileType.Directory => 'd',
                FileType.Symlink => 'l',
                FileType.CharDevice => 'c',
                FileType.BlockDevice => 'b',
                FileType.Fifo => 'p',
                FileType.Socket => 's',
                _ => '?',
            };
            var detail = type switch
            {
                'f' => $"size={node.Size} sha256={await FileSystemWalk.Sha256Async(fs, node.Id)}",
                'l' => $"size={node.Size} target={await fs.ReadLinkAsync(node.Id)}",
                'c' or 'b' => $"device={(node.DeviceMajor, node.DeviceMinor)}",
                _ => "",
            };
            lines.Add($"{entry.Path} type={type} mode={Convert.ToString(node.Permissions, 8)} uid={node.Uid} gid={node.Gid} mtime={node.ModifiedAt?.ToUnixTimeSeconds()} {detail}");
        }

        return lines;
    }
}
