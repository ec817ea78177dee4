using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// A read-only XFS file system (v4 and v5) on a block device. Opening reads the superblock and
/// the log's head only; every other read happens on demand: one inode per lookup step and the
/// directory and extent blocks that step needs. Nothing is cached but the superblock, so the
/// object is immutable and safe to use from many threads. See docs/disk-formats/xfs.md.
/// </summary>
public sealed class XfsFileSystem : IFileSystem
{
    private readonly IBlockDevice _device;
    private readonly XfsSuperblock _sb;
    private readonly XfsAddressing _addressing;
    private readonly FileSystemWarnings _warnings;
    private readonly XfsExtentMapReader _maps;
    private readonly XfsForkReader _forks;
    private readonly XfsDirectoryReader _directories;
    private readonly XfsSymlinkReader _symlinks;
    private readonly XfsDirectoryLookup _lookup;

    private XfsFileSystem(IBlockDevice device, XfsSuperblock sb, FileSystemWarnings warnings)
    {
        _device = device;
        _sb = sb;
        _warnings = warnings;
        _addressing = new XfsAddressing(sb);
        _maps = new XfsExtentMapReader(device, sb, _addressing, warnings);
        _forks = new XfsForkReader(device, sb, _addressing);
        _directories = new XfsDirectoryReader(sb, _maps, _forks, warnings);
        _symlinks = new XfsSymlinkReader(sb, _maps, _forks, warnings);
        _lookup = new XfsDirectoryLookup(sb, _maps, _forks, warnings);
    }

    public string Type => "xfs";

    public string? Uuid => _sb.Uuid.ToString();

    public string? Label => _sb.Label.Length == 0 ? null : _sb.Label;

    public long RootNode => (long)_sb.RootInode;

    /// <summary>Tolerated problems: a log that was not replayed, CRC mismatches, needsrepair.</summary>
    public IReadOnlyList<string> Warnings => _warnings.Snapshot();

    /// <summary>True when the bytes start with the superblock magic "XFSB". Never throws.</summary>
    public static bool Probe(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(firstBytes) == XfsSuperblockLayout.Magic;

    /// <summary>Validates the superblock, the root inode and the log state; throws <see cref="DiskFormatException"/> on bad data.</summary>
    public static async Task<XfsFileSystem> OpenAsync(IBlockDevice device, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var first = await device.ReadBytesAsync(0, XfsSuperblockLayout.ReadLength, "xfs", "xfs.superblock", ct).ConfigureAwait(false);
        // The CRC covers the whole first sector; read the rest of it when the sector is larger.
        var sectorSize = BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(XfsSuperblockLayout.SectorSize));
        if (sectorSize is > XfsSuperblockLayout.ReadLength and <= 32768 && Probe(first) && device.Length >= sectorSize)
        {
            first = await device.ReadBytesAsync(0, sectorSize, "xfs", "xfs.superblock", ct).ConfigureAwait(false);
        }

        var warnings = new FileSystemWarnings();
        var sb = XfsSuperblock.Parse(first, device.Length, warnings);
        var fs = new XfsFileSystem(device, sb, warnings);
        await new XfsLogState(device, sb, fs._addressing).CheckAsync(warnings, ct).ConfigureAwait(false);
        var root = await fs.ReadInodeAsync(sb.RootInode, XfsSuperblockLayout.RootInode, ct).ConfigureAwait(false);
        if (root.Type != FileType.Directory)
        {
            throw new DiskFormatException("xfs", "xfs.superblock", XfsSuperblockLayout.RootInode, $"sb_rootino {sb.RootInode} is not a directory");
        }

        return fs;
    }

    public async ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default)
    {
        var inode = await ReadInodeAsync(node, cancellationToken).ConfigureAwait(false);
        uint? major = null, minor = null;
        if (inode.Type is FileType.CharDevice or FileType.BlockDevice)
        {
            (major, minor) = ReadDeviceNumber(inode);
        }

        var size = inode.Type is FileType.CharDevice or FileType.BlockDevice or FileType.Fifo or FileType.Socket ? 0 : inode.Size;
        return new FileNode((long)inode.Number, inode.Type, inode.Mode & 0xFFF, inode.Uid, inode.Gid, size, inode.LinkCount,
            inode.ModifiedAt, major, minor);
    }

    public async IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(
        long directoryNode, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inode = await ReadInodeAsync(directoryNode, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.Directory)
        {
            throw new DiskFormatException("xfs", "xfs.inode", inode.Offset, $"inode {inode.Number} is not a directory (mode 0{Convert.ToString(inode.Mode, 8)})");
        }

        await foreach (var entry in _directories.ReadAsync(inode, cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <summary>
    /// Looks one name up through the directory's hash index (a few blocks however large the
    /// directory); short-form directories are scanned in the inode, and case-insensitive file
    /// systems (whose names hash differently) are scanned in full.
    /// </summary>
    public async ValueTask<DirectoryEntry?> FindEntryAsync(long directoryNode, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var inode = await ReadInodeAsync(directoryNode, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.Directory)
        {
            throw new DiskFormatException("xfs", "xfs.inode", inode.Offset, $"inode {inode.Number} is not a directory");
        }

        if (name is "" or "." or ".." || name.Contains('/', StringComparison.Ordinal))
        {
            return null; // never stored as entries the contract returns
        }

        if (inode.Format != XfsInodeCoreLayout.FormatLocal && !_sb.CaseInsensitiveNames)
        {
            return await _lookup.FindAsync(inode, name, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var entry in _directories.ReadAsync(inode, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    public async ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default)
    {
        var inode = await ReadInodeAsync(node, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.Symlink)
        {
            throw new DiskFormatException("xfs", "xfs.inode", inode.Offset, $"inode {inode.Number} is not a symbolic link");
        }

        return await _symlinks.ReadAsync(inode, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default)
    {
        var inode = await ReadInodeAsync(node, cancellationToken).ConfigureAwait(false);
        if (inode.Type != FileType.File)
        {
            throw new DiskFormatException("xfs", "xfs.inode", inode.Offset, $"inode {inode.Number} is not a regular file");
        }

        if (inode.IsRealtime)
        {
            throw new UnsupportedFeatureException("xfs", "xfs.inode", inode.Offset, ["realtime"], $"inode {inode.Number} keeps its data on the realtime device");
        }

        if (inode.Format == XfsInodeCoreLayout.FormatLocal)
        {
            // Kernels never write regular files in local format, but the format allows it.
            if (inode.Size > inode.DataFork.Length)
            {
                throw new DiskFormatException("xfs", "xfs.inode", inode.DataForkOffset,
                    $"inode {inode.Number}: di_size {inode.Size} exceeds the {inode.DataFork.Length}-byte inline data");
            }

            return new MemoryStream(inode.DataFork[..(int)inode.Size].ToArray(), writable: false);
        }

        var map = await _maps.ReadAsync(inode, cancellationToken).ConfigureAwait(false);
        return new XfsFileStream(_forks, map, inode.Size);
    }

    public void Dispose()
    {
        // The device belongs to the caller (it may hold other partitions).
    }

    private ValueTask<XfsInode> ReadInodeAsync(long node, CancellationToken ct) =>
        node <= 0
            ? throw new DiskFormatException("xfs", "xfs.inode-number", 0, $"inode number {node} is not valid")
            : ReadInodeAsync((ulong)node, -1, ct);

    private async ValueTask<XfsInode> ReadInodeAsync(ulong number, long referencedFrom, CancellationToken ct)
    {
        var offset = _addressing.InodeOffset(number, referencedFrom);
        var raw = await _device.ReadBytesAsync(offset, _sb.InodeSize, "xfs", "xfs.inode", ct).ConfigureAwait(false);
        return XfsInode.Parse(raw, number, offset, _sb, _warnings);
    }

    /// <summary>
    /// Device inodes keep a 32-bit dev_t in the data fork, encoded as Linux's sysv_encode_dev:
    /// major in bits 31–18, minor in bits 17–0 (xfs_dinode_put_rdev in xfsprogs).
    /// </summary>
    private static (uint Major, uint Minor) ReadDeviceNumber(XfsInode inode)
    {
        if (inode.Format != XfsInodeCoreLayout.FormatDevice || inode.DataFork.Length < 4)
        {
            throw new DiskFormatException("xfs", "xfs.inode", inode.Offset, $"device inode {inode.Number} has di_format {inode.Format}, not dev");
        }

        var rdev = BinaryPrimitives.ReadUInt32BigEndian(inode.DataFork.Span);
        return (rdev >> 18, rdev & 0x3FFFF);
    }
}
