using System.Globalization;
using System.Text;

namespace Snapsight.Disk.Tests.FileSystems.Xfs;

/// <summary>
/// Writes an mkfs.xfs prototype file (mkfs.xfs(8), "-p protofile") describing a source tree:
/// two header lines, the root "d--755 uid gid", then one line per entry — name, a six
/// character mode (type, 'u' for setuid, 'g' for setgid, three octal digits), uid, gid and the
/// source file, link target or device numbers — with "$" closing each directory.
/// The format cannot express the sticky bit, sockets, hard links or names with white space;
/// <see cref="StickyPaths"/> lists what the caller must patch afterwards with <c>xfs_db -x</c>.
/// </summary>
public sealed class XfsProtoFile
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _sticky = [];

    private XfsProtoFile()
    {
    }

    public string Text => _text.ToString();

    /// <summary>Paths ("/a/b") whose sticky bit the prototype format could not carry.</summary>
    public IReadOnlyList<string> StickyPaths => _sticky;

    public static XfsProtoFile FromTree(string root, IReadOnlyDictionary<string, SourceEntry> tree)
    {
        var proto = new XfsProtoFile();
        proto._text.Append("snapsight-test-boot\n0 0\n");
        proto._text.Append("d--755 0 0\n");
        proto.AppendDirectory(root, "", tree, depth: 0);
        proto._text.Append("$\n");
        return proto;
    }

    private void AppendDirectory(string root, string directory, IReadOnlyDictionary<string, SourceEntry> tree, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidOperationException("source tree too deep for a test");
        }

        var children = tree.Values
            .Where(e => e.Path.LastIndexOf('/') == directory.Length && e.Path.StartsWith(directory + "/", StringComparison.Ordinal))
            .OrderBy(e => e.Path, StringComparer.Ordinal);
        foreach (var entry in children)
        {
            var name = entry.Path[(directory.Length + 1)..];
            if (name.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"mkfs.xfs prototype files cannot name \"{name}\"");
            }

            if ((entry.Permissions & 0x200) != 0)
            {
                _sticky.Add(entry.Path);
            }

            var line = $"{name} {Mode(entry)} {entry.Uid} {entry.Gid}";
            var source = Path.Combine(root, entry.Path.TrimStart('/'));
            _text.Append(entry.Type switch
            {
                'f' => $"{line} {source}\n",
                'l' => $"{line} {entry.Target}\n",
                'c' or 'b' => $"{line} {entry.Major} {entry.Minor}\n",
                'p' or 'd' => $"{line}\n",
                _ => throw new ArgumentException($"mkfs.xfs prototype files cannot express type '{entry.Type}' ({entry.Path})"),
            });
            if (entry.Type == 'd')
            {
                AppendDirectory(root, entry.Path, tree, depth + 1);
                _text.Append("$\n");
            }
        }
    }

    private static string Mode(SourceEntry entry)
    {
        var type = entry.Type switch
        {
            'f' => '-',
            'd' => 'd',
            'l' => 'l',
            'c' => 'c',
            'b' => 'b',
            'p' => 'p',
            _ => '?',
        };
        var setuid = (entry.Permissions & 0x800) != 0 ? 'u' : '-';
        var setgid = (entry.Permissions & 0x400) != 0 ? 'g' : '-';
        return $"{type}{setuid}{setgid}{Convert.ToString(entry.Permissions & 0x1FF, 8).PadLeft(3, '0')}";
    }
}
