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
        var at = 0;
        // Every entry is at least 12 bytes and rec_len must move forward, so this ends within block.Length / 12 steps.
        while (at < block.Length)
        {
            if (block.Length - at < L.HeaderSize)
            {
                throw Ext4Error.At(Structure, deviceOffset + at, $"{block.Length - at} bytes left at the end of the block, too few for an entry header");
            }

            var entry = block[at..];
            var inode = BinaryPrimitives.ReadUInt32LittleEndian(entry[L.Inode..]);
            var recLen = DecodeRecLen(BinaryPrimitives.ReadUInt16LittleEndian(entry[L.RecLen..]), block.Length);
            int nameLength = hasFileType ? entry[L.NameLen] : BinaryPrimitives.ReadUInt16LittleEndian(entry[L.NameLen..]);
            var minimum = (L.HeaderSize + nameLength + 3) & ~3;
            if (recLen < minimum || (recLen & 3) != 0 || recLen > block.Length - at || nameLength > L.MaxNameLength)
            {
                throw Ext4Error.At(Structure, deviceOffset + at, $"rec_len {recLen} with name_len {nameLength} (needs {minimum}, aligned to 4, within {block.Length - at} bytes left)");
            }

            if (inode != 0)
            {
                if (inode > inodesCount)
                {
                    throw Ext4Error.At(Structure, deviceOffset + at, $"inode {inode} exceeds s_inodes_count {inodesCount}");
                }

                var name = entry.Slice(L.Name, nameLength);
                if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
                {
                    var type = hasFileType ? L.ToFileType(entry[L.FileType]) : FileType.Unknown;
                    into.Add(new DirectoryEntry(Encoding.UTF8.GetString(name), inode, type));
                }
            }

            at += recLen;
        }
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
}
