using System.Buffers.Binary;
using Snapsight.Disk.Checksums;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// metadata_csum checksums (Documentation/filesystems/ext4/checksums.rst): CRC-32C seeded with the
/// file system seed (s_checksum_seed with metadata_csum_seed, else crc32c(~0, s_uuid)), then, for
/// per-inode structures, with the inode number and i_generation. Mismatches become warnings, never
/// failures: values used are validated on their own, and a crash-consistent snapshot may catch a
/// block mid-update. Without metadata_csum nothing is verified (gdt_csum's CRC-16 is not checked).
/// </summary>
internal sealed class Ext4Checksums
{
    private const int InodeChecksumLo = 0x7C;     // l_i_checksum_lo
    private const int InodeChecksumHi = 0x82;     // i_checksum_hi
    private const int InodeGeneration = 0x64;     // i_generation
    private const int DescriptorChecksum = 0x1E;  // bg_checksum
    private const int TailSize = 12;              // struct ext4_dir_entry_tail / ext4_extent_tail + header

    private readonly uint _seed;

    public Ext4Checksums(Ext4Superblock superblock, ReadOnlySpan<byte> rawSuperblock)
    {
        Enabled = superblock.HasRoCompat(Ext4Features.RoCompatMetadataCsum);
        _seed = superblock.HasIncompat(Ext4Features.IncompatCsumSeed)
            ? BinaryPrimitives.ReadUInt32LittleEndian(rawSuperblock[Ext4SuperblockLayout.ChecksumSeed..])
            : Crc32C.Update(uint.MaxValue, rawSuperblock.Slice(Ext4SuperblockLayout.Uuid, 16));
    }

    public bool Enabled { get; }

    /// <summary>The per-inode seed: crc32c(fs seed, le32 inode number, le32 i_generation).</summary>
    public uint InodeSeed(long number, ReadOnlySpan<byte> rawInode)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)number);
        var crc = Crc32C.Update(_seed, word);
        return Crc32C.Update(crc, rawInode.Slice(InodeGeneration, 4));
    }

    /// <summary>ext4_inode_csum(): the whole inode with the checksum fields as zeros; only 16 bits when there is no i_checksum_hi.</summary>
    public bool InodeMatches(long number, ReadOnlySpan<byte> raw, int extraIsize)
    {
        if (!Enabled)
        {
            return true;
        }

        var hasHigh = raw.Length > Ext4InodeLayout.GoodOldInodeSize && extraIsize >= InodeChecksumHi + 2 - Ext4InodeLayout.GoodOldInodeSize;
        Span<byte> zero = stackalloc byte[2];
        var crc = InodeSeed(number, raw);
        crc = Crc32C.Update(crc, raw[..InodeChecksumLo]);
        crc = Crc32C.Update(crc, zero);
        if (hasHigh)
        {
            crc = Crc32C.Update(crc, raw[(InodeChecksumLo + 2)..InodeChecksumHi]);
            crc = Crc32C.Update(crc, zero);
            crc = Crc32C.Update(crc, raw[(InodeChecksumHi + 2)..]);
        }
        else
        {
            crc = Crc32C.Update(crc, raw[(InodeChecksumLo + 2)..]);
        }

        var stored = (uint)BinaryPrimitives.ReadUInt16LittleEndian(raw[InodeChecksumLo..]);
        if (hasHigh)
        {
            return stored == (crc & 0xFFFF) && BinaryPrimitives.ReadUInt16LittleEndian(raw[InodeChecksumHi..]) == crc >> 16;
        }

        return stored == (crc & 0xFFFF);
    }

    /// <summary>ext4_group_desc_csum() for metadata_csum: crc32c(seed, le32 group, descriptor with bg_checksum zeroed) & 0xFFFF.</summary>
    public bool DescriptorMatches(long group, ReadOnlySpan<byte> descriptor)
    {
        if (!Enabled)
        {
            return true;
        }

        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)group);
        var crc = Crc32C.Update(_seed, word);
        crc = Crc32C.Update(crc, descriptor[..DescriptorChecksum]);
        crc = Crc32C.Update(crc, [0, 0]);
        crc = Crc32C.Update(crc, descriptor[(DescriptorChecksum + 2)..]);
        return BinaryPrimitives.ReadUInt16LittleEndian(descriptor[DescriptorChecksum..]) == (crc & 0xFFFF);
    }

    /// <summary>
    /// The ext4_dir_entry_tail in a leaf directory block (inode 0, rec_len 12, name_len 0, type 0xDE)
    /// holds crc32c(inode seed, block before the tail). Blocks without a tail (htree nodes) are not checked.
    /// </summary>
    public bool DirectoryBlockMatches(uint inodeSeed, ReadOnlySpan<byte> block)
    {
        if (!Enabled || block.Length < TailSize)
        {
            return true;
        }

        var tail = block[^TailSize..];
        var isTail = BinaryPrimitives.ReadUInt32LittleEndian(tail) == 0 && BinaryPrimitives.ReadUInt16LittleEndian(tail[4..]) == TailSize
            && tail[6] == 0 && tail[7] == 0xDE;
        return !isTail || BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]) == Crc32C.Update(inodeSeed, block[..^TailSize]);
    }

    /// <summary>The ext4_extent_tail after eh_max entries of a non-root extent block: crc32c(inode seed, bytes before it).</summary>
    public bool ExtentBlockMatches(uint inodeSeed, ReadOnlySpan<byte> block, int maxEntries)
    {
        var tailAt = Ext4ExtentLayout.RecordSize * (maxEntries + 1);
        if (!Enabled || tailAt + 4 > block.Length)
        {
            return true;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(block[tailAt..]) == Crc32C.Update(inodeSeed, block[..tailAt]);
    }
}
