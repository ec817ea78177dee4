using System.Buffers.Binary;
using System.Text;
using L = Snapsight.Disk.FileSystems.Xfs.XfsDirectoryLayout;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// A directory small enough to live in the inode's data fork (di_format local). When
/// i8count is non-zero every inode number, the parent's included, is 8 bytes; i8count must
/// equal how many of them need more than 32 bits (the kernel's xfs_dir2_sf_verify rule).
/// </summary>
internal static class XfsShortformDirectory
{
    private const string Structure = "xfs.dir-shortform";

    public static List<DirectoryEntry> Parse(XfsInode inode, bool hasFileType)
    {
        var fork = inode.DataFork.Span;
        var at = inode.DataForkOffset;
        if (inode.Size > fork.Length || inode.Size < L.ShortformHeaderBase + 4)
        {
            throw Bad(at, inode, $"di_size {inode.Size} is outside {L.ShortformHeaderBase + 4}..{fork.Length} (the data fork)");
        }

        var data = fork[..(int)inode.Size];
        int count = data[0], i8count = data[1];
        var inodeBytes = i8count > 0 ? 8 : 4;
        var position = L.ShortformHeaderBase + inodeBytes;
        if (position > data.Length)
        {
            throw Bad(at, inode, $"the header with i8count {i8count} does not fit di_size {inode.Size}");
        }

        var wide = ReadInode(data[L.ShortformHeaderBase..], inodeBytes) > uint.MaxValue ? 1 : 0;
        var entries = new List<DirectoryEntry>(count);
        for (var i = 0; i < count; i++)
        {
            if (position + L.ShortformEntryBase > data.Length)
            {
                throw Bad(at + position, inode, $"entry {i} of {count} starts past di_size {inode.Size}");
            }

            var nameLength = data[position];
            var entrySize = L.ShortformEntryBase + nameLength + (hasFileType ? 1 : 0) + inodeBytes;
            if (nameLength == 0 || position + entrySize > data.Length)
            {
                throw Bad(at + position, inode, $"entry {i}: namelen {nameLength} is 0 or runs past di_size {inode.Size}");
            }

            var name = data.Slice(position + L.ShortformEntryBase, nameLength);
            if (!L.IsValidName(name))
            {
                throw Bad(at + position, inode, $"entry {i}: the name contains '/' or NUL");
            }

            var typeAt = position + L.ShortformEntryBase + nameLength;
            var type = hasFileType ? L.FromDirectoryType(data[typeAt]) : FileType.Unknown;
            var number = ReadInode(data[(typeAt + (hasFileType ? 1 : 0))..], inodeBytes);
            wide += number > uint.MaxValue ? 1 : 0;
            entries.Add(new DirectoryEntry(Encoding.UTF8.GetString(name), (long)Math.Min(number, long.MaxValue), type));
            position += entrySize;
        }

        if (wide != i8count)
        {
            throw Bad(at, inode, $"i8count {i8count} but {wide} inode numbers need 64 bits");
        }

        return entries;
    }

    private static ulong ReadInode(ReadOnlySpan<byte> span, int size) =>
        size == 8 ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);

    private static DiskFormatException Bad(long offset, XfsInode inode, string problem) =>
        new("xfs", Structure, offset, $"directory inode {inode.Number}: {problem}");
}
