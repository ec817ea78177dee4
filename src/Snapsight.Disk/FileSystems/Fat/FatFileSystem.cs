using Snapsight.Disk.BlockDevices;
using L = Snapsight.Disk.FileSystems.Fat.FatDirectoryEntryLayout;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// A read-only FAT12, FAT16 or FAT32 volume (the Microsoft FAT specification 1.03), with long
/// file names. FAT records no owners or modes; nodes report what Linux shows for a vfat mount
/// with default options and umask 022: owner and group 0, mode 0755 for directories and files
/// alike, write bits removed for files with the read-only attribute. Node ids: see <see cref="FatNodeIds"/>.
/// The device stays owned by the caller.
/// </summary>
public sealed class FatFileSystem : IFileSystem
{
    private const string Layer = "vfat";
    private const int DirectoryPermissions = 0x1ED; // 0755
    private const int FilePermissions = 0x1ED; // 0755: Linux's default fmask is the umask, 022
    private const int WriteBits = 0x92; // 0222

    private readonly IBlockDevice _device;
    private readonly FatGeometry _geometry;
    private readonly FatTable _fat;
    private readonly FatDirectoryReader _directories;

    private FatFileSystem(IBlockDevice device, FatGeometry geometry)
    {
        _device = device;
        _geometry = geometry;
        _fat = new FatTable(device, geometry);
        _directories = new FatDirectoryReader(device, geometry, _fat);

        // blkid prints the 32-bit volume serial as two groups of four hex digits, high word first.
        Uuid = geometry.VolumeSerial is { } serial ? $"{serial >> 16:X4}-{serial & 0xFFFF:X4}" : null;
        RootNode = FatNodeIds.ForDirectory(geometry.Variant == FatVariant.Fat32 ? geometry.RootCluster : 0);
    }

    public string Type => "vfat";

    public FatVariant Variant => _geometry.Variant;

    public string? Uuid { get; }

    public string? Label { get; private set; }

    public long RootNode { get; }

    /// <summary>True when the first bytes hold a plausible FAT boot sector. Never throws.</summary>
    public static bool Probe(ReadOnlySpan<byte> firstBytes) => FatGeometry.TryParse(firstBytes, long.MaxValue, out _) is not null;

    /// <summary>Validates the boot sector and reads the root directory's volume label; nothing else.</summary>
    public static async Task<FatFileSystem> OpenAsync(IBlockDevice device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var sector = await device.ReadBytesAsync(0, FatBootSectorLayout.Size, Layer, "fat.boot_sector", cancellationToken).ConfigureAwait(false);
        var geometry = FatGeometry.Parse(sector, device.Length);
        var volume = new FatFileSystem(device, geometry) { Label = geometry.BootSectorLabel };

        // Like blkid, prefer the label in the root directory (what DOS and Windows change) over the boot sector's copy.
        try
        {
            await foreach (var item in volume._directories.ReadAsync(FatNodeIds.DirectoryCluster(volume.RootNode), cancellationToken).ConfigureAwait(false))
            {
                if (item.Record.VolumeLabel is { } label)
                {
                    volume.Label = label;
                    break;
                }
            }
        }
        catch (DiskFormatException)
        {
            // A damaged root directory costs only the label here; reading the root reports the damage
            // itself, and the volume's intact parts stay reachable through their own paths.
        }

        return volume;
    }

    public async ValueTask<FileNode> GetNodeAsync(long node, CancellationToken cancellationToken = default)
    {
        if (FatNodeIds.IsDirectory(node))
        {
            var cluster = DirectoryClusterOf(node);
            DateTimeOffset? modified = null;
            if (node != RootNode)
            {
                // The "." entry at the start of a directory carries its times (section 6.7); the root has none.
                var dot = await _device.ReadBytesAsync(_geometry.ClusterOffset(cluster), L.Size, Layer, "fat.directory", cancellationToken).ConfigureAwait(false);
                var record = FatDirectoryRecord.Parse(dot, _geometry.Variant);
                modified = record.ShortName == "." ? record.ModifiedAt : null;
            }

            return new FileNode(node, FileType.Directory, DirectoryPermissions, 0, 0, 0, 1, modified);
        }

        var file = await ReadFileEntryAsync(node, cancellationToken).ConfigureAwait(false);
        var permissions = file.IsReadOnly ? FilePermissions & ~WriteBits : FilePermissions;
        return new FileNode(node, FileType.File, permissions, 0, 0, file.FileSize, 1, file.ModifiedAt);
    }

    public async IAsyncEnumerable<DirectoryEntry> ReadDirectoryAsync(long directoryNode, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cluster = DirectoryClusterOf(directoryNode);
        await foreach (var item in _directories.ReadAsync(cluster, cancellationToken).ConfigureAwait(false))
        {
            if (item.Record.IsVolumeLabel)
            {
                continue;
            }

            yield return EntryOf(item);
        }
    }

    /// <summary>
    /// Finds a name as Linux's vfat does: case-insensitively, by long name or by 8.3 alias
    /// ("PROGRA~1"). An exact match wins; otherwise the first case-insensitive one. The scan stops
    /// at an exact match, so it reads no further than the name.
    /// </summary>
    public async ValueTask<DirectoryEntry?> FindEntryAsync(long directoryNode, string name, CancellationToken cancellationToken = default)
    {
        DirectoryEntry? folded = null;
        await foreach (var item in _directories.ReadAsync(DirectoryClusterOf(directoryNode), cancellationToken).ConfigureAwait(false))
        {
            if (item.Record.IsVolumeLabel)
            {
                continue;
            }

            if (string.Equals(item.Name, name, StringComparison.Ordinal))
            {
                return EntryOf(item);
            }

            if (folded is null && (string.Equals(item.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(item.Record.ShortName, name, StringComparison.OrdinalIgnoreCase)))
            {
                folded = EntryOf(item);
            }
        }

        return folded;
    }

    public ValueTask<string> ReadLinkAsync(long node, CancellationToken cancellationToken = default) =>
        throw new ArgumentException($"node {node} is not a symbolic link: FAT has none", nameof(node));

    public async ValueTask<Stream> OpenReadAsync(long node, CancellationToken cancellationToken = default)
    {
        if (FatNodeIds.IsDirectory(node))
        {
            throw new ArgumentException($"node {node} is a directory", nameof(node));
        }

        var file = await ReadFileEntryAsync(node, cancellationToken).ConfigureAwait(false);
        var runs = new List<FatRun>();
        if (file.FileSize > 0)
        {
            var needed = ((long)file.FileSize + _geometry.ClusterSize - 1) / _geometry.ClusterSize;
            if (needed > _geometry.ClusterCount)
            {
                throw new DiskFormatException(Layer, "fat.directory_entry", node,
                    $"file size {file.FileSize} needs {needed} clusters but the volume has {_geometry.ClusterCount}");
            }

            long walked = 0;
            var owner = $"the file whose entry is at offset {node}";
            await foreach (var cluster in FatClusterChain.WalkAsync(_fat, _geometry, file.FirstCluster, needed, owner, cancellationToken).ConfigureAwait(false))
            {
                if (runs.Count > 0 && runs[^1] is var last && last.FirstCluster + last.Length == cluster)
                {
                    runs[^1] = last with { Length = last.Length + 1 };
                }
                else
                {
                    runs.Add(new FatRun(walked, cluster, 1));
                }

                if (++walked == needed)
                {
                    break;
                }
            }

            if (walked < needed)
            {
                throw new DiskFormatException(Layer, "fat.chain", node,
                    $"file size {file.FileSize} needs {needed} clusters but its chain from cluster {file.FirstCluster} has {walked}");
            }
        }

        return new FatFileStream(_device, _geometry, runs, file.FileSize);
    }

    public void Dispose()
    {
    }

    private static DirectoryEntry EntryOf(FatDirectoryItem item) => item.Record.IsDirectory
        ? new DirectoryEntry(item.Name, FatNodeIds.ForDirectory(item.Record.FirstCluster), FileType.Directory)
        : new DirectoryEntry(item.Name, item.EntryOffset, FileType.File);

    /// <summary>The first cluster behind a directory id (0 for the fixed root); a cluster the volume lacks is bad data.</summary>
    private uint DirectoryClusterOf(long node)
    {
        if (!FatNodeIds.IsDirectory(node))
        {
            throw new ArgumentException($"node {node} is not a directory", nameof(node));
        }

        var cluster = FatNodeIds.DirectoryCluster(node);
        if (node != RootNode && !_geometry.IsValidCluster(cluster))
        {
            throw new DiskFormatException(Layer, "fat.directory_entry", _geometry.DataOffset,
                $"a directory starts at cluster {cluster}, outside clusters 2..{_geometry.MaxCluster}");
        }

        return cluster;
    }

    /// <summary>Reads the short entry a file id points at; ids we never handed out are a caller bug.</summary>
    private async ValueTask<FatDirectoryRecord> ReadFileEntryAsync(long node, CancellationToken cancellationToken)
    {
        var inRoot = node >= _geometry.RootDirectoryOffset && node < _geometry.RootDirectoryOffset + _geometry.RootDirectoryLength;
        var inData = node >= _geometry.DataOffset && node < _geometry.ClusterOffset(_geometry.MaxCluster + 1);
        if (node % L.Size != 0 || !(inRoot || inData))
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, "not a FAT file id: no directory entry lies there");
        }

        var slot = await _device.ReadBytesAsync(node, L.Size, Layer, "fat.directory_entry", cancellationToken).ConfigureAwait(false);
        var record = FatDirectoryRecord.Parse(slot, _geometry.Variant);
        if (record.IsEndOfDirectory || record.IsDeleted || record.IsLongName || record.IsVolumeLabel || record.IsDirectory)
        {
            throw new DiskFormatException(Layer, "fat.directory_entry", node,
                $"entry with first byte 0x{record.FirstNameByte:X2} and attributes 0x{record.Attributes:X2} is not a file");
        }

        return record;
    }
}
