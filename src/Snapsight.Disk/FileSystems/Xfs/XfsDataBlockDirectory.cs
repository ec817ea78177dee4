using System.Buffers.Binary;
using System.Text;
using L = Snapsight.Disk.FileSystems.Xfs.XfsDirectoryLayout;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Parses one directory data block: a header, then 8-byte-aligned regions that are either
/// unused (freetag 0xFFFF, length, …, tag) or an entry (inumber, namelen, name, [ftype], pad,
/// tag). A single-block directory ("XD2B"/"XDB3") ends with leaf entries and a tail that
/// are not part of the data region. Every region must move forward and stay inside it.
/// </summary>
internal static class XfsDataBlockDirectory
{
    private const string Structure = "xfs.dir-data";

    public static void Parse(
        ReadOnlySpan<byte> block, long offset, XfsInode inode, XfsSuperblock sb, bool allowSingleBlock, FileSystemWarnings warnings, List<DirectoryEntry> entries)
    {
        var (headerSize, end) = CheckBlock(block, offset, inode, sb, allowSingleBlock, warnings);
        var position = headerSize;
        // Each step advances by at least 8 bytes, so a block has at most end / 8 regions.
        while (position < end)
        {
            if (position + 4 > end)
            {
                throw Bad(offset + position, inode, $"a region starts {end - position} bytes before the end of the data area");
            }

            var length = ParseRegion(block[position..end], position, offset + position, inode, sb.HasFileType, entries);
            position += length;
        }
    }

    /// <summary>
    /// The entry a leaf address points at (<paramref name="positionInBlock"/>, 8-byte aligned
    /// past the header), or null when it is "." or "..". Pointing at free space is corruption.
    /// </summary>
    public static DirectoryEntry? EntryAt(
        ReadOnlySpan<byte> block, int positionInBlock, long offset, XfsInode inode, XfsSuperblock sb, bool singleBlock, FileSystemWarnings warnings)
    {
        var (headerSize, end) = CheckBlock(block, offset, inode, sb, singleBlock, warnings);
        if (positionInBlock < headerSize || positionInBlock % L.Alignment != 0 || positionInBlock + 12 > end)
        {
            throw Bad(offset + positionInBlock, inode, $"a leaf address points at {positionInBlock}, outside the data area {headerSize}..{end}");
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(block[positionInBlock..]) == L.FreeTag)
        {
            throw Bad(offset + positionInBlock, inode, "a leaf address points at an unused region");
        }

        var found = new List<DirectoryEntry>(1);
        ParseRegion(block[positionInBlock..end], positionInBlock, offset + positionInBlock, inode, sb.HasFileType, found);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>Checks magic (and on v5 owner and CRC); returns the header size and the end of the data area.</summary>
    private static (int HeaderSize, int End) CheckBlock(
        ReadOnlySpan<byte> block, long offset, XfsInode inode, XfsSuperblock sb, bool allowSingleBlock, FileSystemWarnings warnings)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(block);
        var (blockMagic, dataMagic, headerSize) = sb.HasCrc
            ? (L.BlockMagicV5, L.DataMagicV5, L.V5DataHeaderSize)
            : (L.BlockMagicV4, L.DataMagicV4, L.V4DataHeaderSize);
        var end = block.Length;
        if (magic == blockMagic && allowSingleBlock)
        {
            end = SingleBlockDataEnd(block, offset, inode, headerSize);
        }
        else if (magic != dataMagic)
        {
            throw Bad(offset, inode, $"magic 0x{magic:x8} is not a {(sb.HasCrc ? "v5" : "v4")} directory data block");
        }

        if (sb.HasCrc)
        {
            CheckV5Header(block, offset, inode, warnings);
        }

        return (headerSize, end);
    }

    /// <summary>Returns the region's length after validating it; appends an entry when it is one.</summary>
    private static int ParseRegion(
        ReadOnlySpan<byte> region, int positionInBlock, long offset, XfsInode inode, bool hasFileType, List<DirectoryEntry> entries)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(region) == L.FreeTag)
        {
            var freeLength = BinaryPrimitives.ReadUInt16BigEndian(region[2..]);
            if (freeLength < L.Alignment || freeLength % L.Alignment != 0 || freeLength > region.Length)
            {
                throw Bad(offset, inode, $"unused region length {freeLength} is not a multiple of 8 in 8..{region.Length}");
            }

            CheckTag(region[(freeLength - 2)..], positionInBlock, offset, inode);
            return freeLength;
        }

        if (region.Length < 12)
        {
            throw Bad(offset, inode, $"an entry header needs 12 bytes, {region.Length} remain");
        }

        var number = BinaryPrimitives.ReadUInt64BigEndian(region);
        var nameLength = region[8];
        var size = (8 + 1 + nameLength + (hasFileType ? 1 : 0) + 2 + (L.Alignment - 1)) & ~(L.Alignment - 1);
        if (nameLength == 0 || size > region.Length)
        {
            throw Bad(offset, inode, $"entry namelen {nameLength} is 0 or needs {size} bytes, {region.Length} remain");
        }

        CheckTag(region[(size - 2)..], positionInBlock, offset, inode);
        var name = region.Slice(9, nameLength);
        if (!L.IsValidName(name))
        {
            throw Bad(offset, inode, "the entry name contains '/' or NUL");
        }

        var type = hasFileType ? L.FromDirectoryType(region[9 + nameLength]) : FileType.Unknown;
        // "." and ".." are stored as entries in data blocks; the contract leaves them out.
        if (!(nameLength == 1 && name[0] == '.') && !(nameLength == 2 && name[0] == '.' && name[1] == '.'))
        {
            entries.Add(new DirectoryEntry(Encoding.UTF8.GetString(name), (long)Math.Min(number, long.MaxValue), type));
        }

        return size;
    }

    /// <summary>Every region ends with a tag holding its own offset in the block: a cheap proof that we are in step.</summary>
    private static void CheckTag(ReadOnlySpan<byte> tag, int positionInBlock, long offset, XfsInode inode)
    {
        var stored = BinaryPrimitives.ReadUInt16BigEndian(tag);
        if (stored != positionInBlock)
        {
            throw Bad(offset, inode, $"region tag {stored} differs from its offset {positionInBlock} in the block");
        }
    }

    private static int SingleBlockDataEnd(ReadOnlySpan<byte> block, long offset, XfsInode inode, int headerSize)
    {
        var leafCount = BinaryPrimitives.ReadUInt32BigEndian(block[^L.BlockTailSize..]);
        var maxLeaves = (block.Length - headerSize - L.BlockTailSize) / L.LeafEntrySize;
        if (leafCount > maxLeaves)
        {
            throw Bad(offset + block.Length - L.BlockTailSize, inode, $"block tail count {leafCount} exceeds {maxLeaves}");
        }

        return block.Length - L.BlockTailSize - ((int)leafCount * L.LeafEntrySize);
    }

    private static void CheckV5Header(ReadOnlySpan<byte> block, long offset, XfsInode inode, FileSystemWarnings warnings)
    {
        var owner = BinaryPrimitives.ReadUInt64BigEndian(block[L.V5Owner..]);
        if (owner != inode.Number)
        {
            throw Bad(offset, inode, $"owner {owner} is not directory inode {inode.Number}");
        }

        if (!XfsChecksum.Verify(block, L.V5Crc))
        {
            warnings.Add($"directory inode {inode.Number}: data block at offset {offset}: CRC32C mismatch");
        }
    }

    private static DiskFormatException Bad(long offset, XfsInode inode, string problem) =>
        new("xfs", Structure, offset, $"directory inode {inode.Number}: {problem}");
}
