using System.Buffers.Binary;
using System.Text;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// A read-only ext2, ext3 or ext4 file system (docs/disk-formats/ext4.md). Opening reads the
/// superblock and the root inode only; everything else is read on demand, through a bounded
/// cache of metadata blocks. The journal is never replayed: a crash-consistent snapshot with
/// needs_recovery set is read as it lies on disk and says so in <see cref="Warnings"/>.
/// The device is not owned: disposing the file system leaves it open.
/// </summary>
public sealed partial class Ext4FileSystem : IFileSystem
{
    /// <summary>The root directory is always inode 2 (EXT4_ROOT_INO).</summary>
    private const long RootInode = 2;

    /// <summary>The metadata cache holds about this many bytes of blocks.</summary>
    private const int CacheBytes = 1024 * 1024;

    /// <summary>Most directory blocks one <see cref="HintListingAsync"/> names: a hint stays small however big the directory.</summary>
    private const int MaxHintedListingBlocks = 16;

    /// <summary>Symlink targets are bounded by PATH_MAX, as the kernel bounds them.</summary>
    private const int MaxLinkLength = 4096;

    private readonly IBlockDevice _device;
    private readonly Ext4Superblock _superblock;
    private readonly Ext4BlockCache _cache;
    private readonly Ext4InodeTable _inodes;
    private readonly Ext4Checksums _checksums;
    private readonly FileSystemWarnings _warnings;
    private readonly bool _hasFileType;

    private Ext4FileSystem(IBlockDevice device, Ext4Superblock superblock, Ext4Checksums checksums, FileSystemWarnings warnings)
    {
        _device = device;
        _superblock = superblock;
        _checksums = checksums;
        _warnings = warnings;
        _cache = new Ext4BlockCache(device, superblock, Math.Max(16, CacheBytes / superblock.BlockSize));
        _inodes = new Ext4InodeTable(superblock, _cache, checksums, warnings);
        _hasFileType = superblock.HasIncompat(Ext4Features.IncompatFiletype);
    }

    /// <summary>"ext2", "ext3" or "ext4", as blkid would name the volume.</summary>
    public string Type => Ext4Features.VolumeType(_superblock);

    public string? Uuid => _superblock.Uuid;

    public string? Label => _superblock.Label;

    public long RootNode => RootInode;

    /// <summary>
    /// Things a caller should report but that did not stop reading, e.g. "journal needs recovery;
    /// not replayed". Checksum mismatches join as the blocks concerned are read.
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings.Snapshot();

    /// <summary>Whether the first bytes of a device hold an ext2/3/4 superblock. Never throws.</summary>
    public static bool Probe(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= Ext4SuperblockLayout.VolumeOffset + Ext4SuperblockLayout.Size
        && Ext4Superblock.LooksLikeSuperblock(firstBytes.Slice((int)Ext4SuperblockLayout.VolumeOffset, Ext4SuperblockLayout.Size));

    /// <summary>Validates the superblock, its features and the root inode; throws <see cref="DiskFormatException"/> for bad data.</summary>
    public static async Task<Ext4FileSystem> OpenAsync(IBlockDevice device, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var bytes = await device.ReadBytesAsync(Ext4SuperblockLayout.VolumeOffset, Ext4SuperblockLayout.Size, Ext4Error.Layer, "ext4.superblock", ct)
            .ConfigureAwait(false);
        var superblock = Ext4Superblock.Parse(bytes);
        if (superblock.BlocksCount > device.Length / superblock.BlockSize)
        {
            // Every later bound is "inside the file system"; that must also mean inside the device.
            throw Ext4Error.At("ext4.superblock", Ext4SuperblockLayout.VolumeOffset + Ext4SuperblockLayout.BlocksCountLo,
                $"s_blocks_count {superblock.BlocksCount} × {superblock.BlockSize} bytes exceeds the {device.Length}-byte device");
        }

        var warnings = CheckFeatures(superblock);
        var fileSystem = new Ext4FileSystem(device, superblock, new Ext4Checksums(superblock, bytes), warnings);
        var root = await fileSystem._inodes.ReadAsync(RootInode, ct).ConfigureAwait(false);
        if (root.Type != FileType.Directory)
        {
            throw Ext4Error.At("ext4.inode", root.DeviceOffset, $"the root inode has mode 0{Convert.ToString(root.Mode, 8)}, not a directory");
        }

        await fileSystem._inodes.PrefetchInUseAsync(ct).ConfigureAwait(false);
        return fileSystem;
    }

    private static FileSystemWarnings CheckFeatures(Ext4Superblock superblock)
    {
        var unsupported = superblock.FeatureIncompat & ~Ext4Features.SupportedIncompat;
        if (unsupported != 0)
        {
            throw new UnsupportedFeatureException(Ext4Error.Layer, "ext4.superblock",
                Ext4SuperblockLayout.VolumeOffset + Ext4SuperblockLayout.FeatureIncompat, Ext4Features.IncompatNamesOf(unsupported));
        }

        var warnings = new FileSystemWarnings();
        if (superblock.HasIncompat(Ext4Features.IncompatRecover))
        {
            warnings.Add("journal needs recovery; not replayed (needs_recovery is set, so recent changes may be missing)");
        }

        if (superblock.ErrorsRecorded)
        {
            warnings.Add("the file system recorded errors (s_state) that e2fsck has not cleared; structures may be damaged");
        }

        if (superblock.ChecksumMismatch)
        {
            warnings.Add("superblock checksum (metadata_csum crc32c) does not match; read anyway");
        }

        if (superblock.HasIncompat(Ext4Features.IncompatCasefold))
        {
            warnings.Add("casefold: names are listed as stored and looked up case-sensitively");
        }

        var unknownRo = superblock.FeatureRoCompat & ~Ext4Features.KnownRoCompat;
        if (unknownRo != 0)
        {
            warnings.Add($"unknown read-only-compatible features ignored for reading: {string.Join(", ", Ext4Features.RoCompatNamesOf(unknownRo))}");
        }

        return warnings;
    }

    public async ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default)
    {
        var inode = await _inodes.ReadAsync(node, cancellationToken).ConfigureAwait(false);
        uint? major = null, minor = null;
        if (inode.Type is FileType.CharDevice or FileType.BlockDevice)
        {
            // Old encoding: i_block[0] = major << 8 | minor. New (huge_encode_dev): i_block[0] = 0 and
            // i_block[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12).
            var old = BinaryPrimitives.ReadUInt32LittleEndian(inode.Block);
            var encoded = BinaryPrimitives.ReadUInt32LittleEndian(inode.Block[4..]);
            (major, minor) = old != 0
                ? ((old >> 8) & 0xFF, old & 0xFF)
                : ((encoded & 0xFFF00) >> 8, (encoded & 0xFF) | ((encoded >> 12) & 0xFFF00));
        }

        return new FileNode(inode.Number, inode.Type, inode.Mode & 0xFFF, inode.Uid, inode.Gid, inode.Size, inode.LinksCount,
            inode.ModifiedAt, major, minor);
    }

    public async ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default)
    {
        var inode = await _inodes.ReadAsync(node, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.Symlink)
        {
            throw Ext4Error.At("ext4.inode", inode.DeviceOffset, $"inode {inode.Number} is not a symbolic link");
        }

        RefuseEncrypted(inode);
        if (inode.Size > MaxLinkLength)
        {
            throw Ext4Error.At("ext4.inode", inode.DeviceOffset + Ext4InodeLayout.SizeLo, $"symlink inode {inode.Number}: i_size {inode.Size} exceeds {MaxLinkLength}");
        }

        if (IsFastSymlink(inode))
        {
            return Encoding.UTF8.GetString(inode.Block[..(int)inode.Size]);
        }

        var target = new byte[inode.Size];
        await using var stream = await OpenContentAsync(inode).ConfigureAwait(false);
        await stream.ReadExactlyAsync(target, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(target);
    }

    public async ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default)
    {
        var inode = await _inodes.ReadAsync(node, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.File)
        {
            throw Ext4Error.At("ext4.inode", inode.DeviceOffset, $"inode {inode.Number} is not a regular file (mode 0{Convert.ToString(inode.Mode, 8)})");
        }

        RefuseEncrypted(inode);
        return await OpenContentAsync(inode).ConfigureAwait(false);
    }

    public void Dispose()
    {
        // Nothing to release: the device belongs to the caller and the cache is managed memory.
    }

    private ValueTask<Stream> OpenContentAsync(Ext4Inode inode)
    {
        if (inode.HasFlag(Ext4InodeLayout.InlineDataFlag))
        {
            return ValueTask.FromResult<Stream>(new MemoryStream(Ext4InlineData.ReadContent(inode), writable: false));
        }

        return ValueTask.FromResult<Stream>(new Ext4FileStream(_device, MapOf(inode), _superblock.BlockSize, inode.Size));
    }

    private IExt4BlockMap MapOf(Ext4Inode inode) => inode.HasFlag(Ext4InodeLayout.ExtentsFlag)
        ? new Ext4ExtentTree(inode, _superblock, _cache, _checksums, _warnings)
        : new Ext4IndirectBlockMap(inode, _superblock, _cache);

    /// <summary>
    /// A fast symlink keeps its target in i_block: it has no extents, no inline data, a target
    /// shorter than i_block, and no data blocks (i_blocks counts only an attribute block, if any).
    /// </summary>
    private bool IsFastSymlink(Ext4Inode inode)
    {
        if (inode.HasFlag(Ext4InodeLayout.ExtentsFlag) || inode.HasFlag(Ext4InodeLayout.InlineDataFlag) || inode.Size >= Ext4InodeLayout.BlockSize)
        {
            return false;
        }

        var attributeBlock = inode.FileAcl != 0 ? _superblock.BlockSize / 512 : 0;
        return inode.Blocks512 - attributeBlock == 0;
    }

    private static void RefuseEncrypted(Ext4Inode inode)
    {
        if (inode.HasFlag(Ext4InodeLayout.EncryptFlag))
        {
            throw new UnsupportedFeatureException(Ext4Error.Layer, "ext4.inode", inode.DeviceOffset + Ext4InodeLayout.Flags, ["encrypt"],
                $"inode {inode.Number} is encrypted (fscrypt); its names and contents are ciphertext");
        }
    }
}
