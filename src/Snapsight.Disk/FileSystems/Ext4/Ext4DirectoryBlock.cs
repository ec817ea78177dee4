using System.Buffers.Binary;
using System.Text;
using L = Snapsight.Disk.FileSystems.Ext4.Ext4DirectoryEntryLayout;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Parses the linear entries of one directory block (or one inline-data region). Hashed (htree)
/// directories need no special case: their interior blocks look like one empty entry spanning the
/// block, and the dx_root sits inside the ".." entry's rec_len. The metadata_csum tail is an
/// entry with inode 0 and is skipped like any unused entry.
/// </summary>
internal static class Ext4DirectoryBlock
{
    private const string Structure = "ext4.directory entry";

    /// <summary>Appends the live entries of <paramref name="block"/>; "." and ".." are left out, by name.</summary>
    public static void Parse(ReadOnlySpan<byte> block, long deviceOffset, bool hasFileType, uint inodesCount, List<DirectoryEntry> into)
    {
        var entries = new LiveEntries(block, deviceOffset, hasFileType, inodesCount);
        while (entries.MoveNext())
        {
            into.Add(entries.Current());
        }
    }

    /// <summary>
    /// The live entry whose name is exactly <paramref name="name"/>'s bytes, or null. The whole block is checked as
    /// <see cref="Parse"/> checks it (a bad entry anywhere fails the lookup), but only the match's name is decoded:
    /// a lookup in a block of a large directory allocates one string instead of one per entry.
    /// </summary>
    public static DirectoryEntry? Find(ReadOnlySpan<byte> block, long deviceOffset, bool hasFileType, uint inodesCount, ReadOnlySpan<byte> name)
    {
        DirectoryEntry? found = null;
        var entries = new LiveEntries(block, deviceOffset, hasFileType, inodesCount);
        while (entries.MoveNext())
        {
            if (found is null && entries.Name.SequenceEqual(name))
            {
                found = entries.Current();
            }
        }

        return found;
    }

    /// <summary>ext4_rec_len_from_disk(): with 64 KiB blocks, 65535 and 0 both mean 65536.</summary>
    private static int DecodeRecLen(ushort raw, int blockLength)
    {
        if (blockLength >= 65536 && (raw == 65535 || raw == 0))
        {
            return 65536;
        }

        return blockLength >= 65536 ? (raw & 65532) | ((raw & 3) << 16) : raw;
    }

    /// <summary>Walks a block's entries, checking each, and stops on the live ones other than "." and "..".</summary>
    private ref struct LiveEntries(ReadOnlySpan<byte> block, long deviceOffset, bool hasFileType, uint inodesCount)
    {
        private readonly ReadOnlySpan<byte> _block = block;
        private int _at;
        private int _current;
        private uint _inode;

        public ReadOnlySpan<byte> Name { get; private set; }

        public readonly DirectoryEntry Current()
        {
            var type = hasFileType ? L.ToFileType(_block[_current + L.FileType]) : FileType.Unknown;
            return new DirectoryEntry(Encoding.UTF8.GetString(Name), _inode, type);
        }

        /// <summary>Every entry is at least 12 bytes and rec_len must move forward, so this ends within block.Length / 12 steps.</summary>
        public bool MoveNext()
        {
            while (_at < _block.Length)
            {
                if (_block.Length - _at < L.HeaderSize)
                {
                    throw Ext4Error.At(Structure, deviceOffset + _at, $"{_block.Length - _at} bytes left at the end of the block, too few for an entry header");
                }

                var entry = _block[_at..];
                var inode = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.Inode..]);
                var recLen = DecodeRecLen(BinaryPrimitives.ReadUInt16LittleEndian(entry[L.RecLen..]), _block.Length);
                int nameLength = hasFileType ? entry[L.NameLen] : BinaryPrimitives.ReadUInt16LittleEndian(entry[L.NameLen..]);
                var minimum = (L.HeaderSize + nameLength + 3) & ~3;
                if (recLen < minimum || (recLen & 3) != 0 || recLen > _block.Length - _at || nameLength > L.MaxNameLength)
                {
                    throw Ext4Error.At(Structure, deviceOffset + _at, $"rec_len {recLen} with name_len {nameLength} (needs {minimum}, aligned to 4, within {_block.Length - _at} bytes left)");
                }

                _current = _at;
                _at += recLen;
                if (inode == 0)
                {
                    continue;
                }

                if (inode > inodesCount)
                {
                    throw Ext4Error.At(Structure, deviceOffset + _current, $"inode {inode} exceeds s_inodes_count {inodesCount}");
                }

                var name = entry.Slice(L.Name, nameLength);
                if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
                {
                    _inode = inode;
                    Name = name;
                    return true;
                }
            }

            return false;
        }
    }
}
