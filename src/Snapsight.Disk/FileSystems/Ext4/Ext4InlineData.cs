using System.Buffers.Binary;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// Inline data (inline_data feature, Documentation/filesystems/ext4/inlinedata.rst): the first
/// 60 bytes live in i_block, the rest in the value of the "system.data" extended attribute in
/// the inode body after i_extra_isize. Only the in-inode attribute area is read: the kernel never
/// puts system.data in an external attribute block.
/// </summary>
internal static class Ext4InlineData
{
    private const string Structure = "ext4.inline data";
    private const uint AttributeMagic = 0xEA020000;   // ext4_xattr_ibody_header.h_magic
    private const int EntryHeaderSize = 16;          // struct ext4_xattr_entry without e_name
    private const byte SystemNameIndex = 7;          // EXT4_XATTR_INDEX_SYSTEM

    /// <summary>The value of system.data (empty when absent).</summary>
    public static ReadOnlyMemory<byte> SystemData(Ext4Inode inode)
    {
        var start = inode.ExtendedAttributeStart;
        var raw = inode.Raw;
        if (start + 4 > raw.Length || BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(start)) != AttributeMagic)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var valuesBase = start + 4;
        var at = valuesBase;
        // Each entry takes at least 16 bytes, so the area's size bounds the walk.
        while (at + 4 <= raw.Length && BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(at)) != 0)
        {
            if (at + EntryHeaderSize > raw.Length)
            {
                throw Ext4Error.At(Structure, inode.DeviceOffset + at, $"inode {inode.Number}: attribute entry runs past the inode");
            }

            var nameLength = raw[at];
            var nameIndex = raw[at + 1];
            var valueOffset = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(at + 2));
            var valueInode = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(at + 4));
            var valueSize = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(at + 8));
            var entrySize = (EntryHeaderSize + nameLength + 3) & ~3;
            if (at + entrySize > raw.Length)
            {
                throw Ext4Error.At(Structure, inode.DeviceOffset + at, $"inode {inode.Number}: attribute name of {nameLength} bytes runs past the inode");
            }

            if (nameIndex == SystemNameIndex && raw.AsSpan(at + EntryHeaderSize, nameLength).SequenceEqual("data"u8))
            {
                if (valueInode != 0 || valueSize > (uint)(raw.Length - valuesBase) || valueOffset > raw.Length - valuesBase - valueSize)
                {
                    throw Ext4Error.At(Structure, inode.DeviceOffset + at, $"inode {inode.Number}: system.data value of {valueSize} bytes at {valueOffset} (inode {valueInode}) does not fit the inode body");
                }

                return raw.AsMemory(valuesBase + valueOffset, (int)valueSize);
            }

            at += entrySize;
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>A regular file's or symlink's bytes: i_block then system.data, cut to i_size.</summary>
    public static byte[] ReadContent(Ext4Inode inode)
    {
        var extra = SystemData(inode);
        var capacity = Ext4InodeLayout.BlockSize + extra.Length;
        if (inode.Size > capacity)
        {
            throw Ext4Error.At(Structure, inode.DeviceOffset + Ext4InodeLayout.SizeLo, $"inode {inode.Number}: i_size {inode.Size} exceeds the {capacity} bytes of inline storage");
        }

        var content = new byte[inode.Size];
        var first = (int)Math.Min(inode.Size, Ext4InodeLayout.BlockSize);
        inode.Block[..first].CopyTo(content);
        extra.Span[..(content.Length - first)].CopyTo(content.AsSpan(first));
        return content;
    }
}
