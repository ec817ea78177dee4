using System.Text;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Cli.Commands;

/// <summary>The ten-character mode column of <c>ls -l</c>, e.g. "-rwsr-xr-x" or "drwxrwxrwt".</summary>
internal static class ModeString
{
    public static string Of(FileNode node)
    {
        var kind = node.Type switch
        {
            FileType.Directory => 'd',
            FileType.Symlink => 'l',
            FileType.CharDevice => 'c',
            FileType.BlockDevice => 'b',
            FileType.Fifo => 'p',
            FileType.Socket => 's',
            FileType.File => '-',
            _ => '?',
        };
        var p = node.Permissions;
        var text = new StringBuilder(10).Append(kind);
        Triplet(text, p >> 6, (p & 0x800) != 0, 's');
        Triplet(text, p >> 3, (p & 0x400) != 0, 's');
        Triplet(text, p, (p & 0x200) != 0, 't');
        return text.ToString();
    }

    private static void Triplet(StringBuilder text, int bits, bool special, char specialLetter)
    {
        text.Append((bits & 4) != 0 ? 'r' : '-');
        text.Append((bits & 2) != 0 ? 'w' : '-');
        var execute = (bits & 1) != 0;
        text.Append(special ? (execute ? specialLetter : char.ToUpperInvariant(specialLetter)) : execute ? 'x' : '-');
    }
}
