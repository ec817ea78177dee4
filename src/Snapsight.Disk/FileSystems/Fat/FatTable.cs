using System.Collections.Concurrent;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// Lookups in the file allocation table (specification section 4), read in 4 KiB pieces only
/// when a chain reaches them, and kept for later lookups. Safe for concurrent callers.
/// </summary>
internal sealed class FatTable(IBlockDevice device, FatGeometry geometry)
{
    private const string Layer = "vfat";
    private const int PieceSize = 4096;

    /// <summary>Enough for the FAT of a 64 GiB FAT32 volume with 4 KiB clusters; past that we start over rather than grow.</summary>
    private const int MaxCachedPieces = 16384;

    private readonly ConcurrentDictionary<long, byte[]> _pieces = new();

    /// <summary>
    /// The cluster after <paramref name="cluster"/>, or null at the end of the chain. A free,
    /// bad or reserved entry, or one naming a cluster the volume does not have, is a broken
    /// chain and throws.
    /// </summary>
    public async ValueTask<uint?> NextAsync(uint cluster, CancellationToken cancellationToken)
    {
        if (!geometry.IsValidCluster(cluster))
        {
            throw new DiskFormatException(Layer, "fat.chain", geometry.FatOffset,
                $"cluster {cluster} is outside clusters 2..{geometry.MaxCluster}");
        }

        var (at, value) = geometry.Variant switch
        {
            FatVariant.Fat12 => await ReadFat12Async(cluster, cancellationToken).ConfigureAwait(false),
            FatVariant.Fat16 => (cluster * 2L, await ReadAsync(cluster * 2L, 2, cancellationToken).ConfigureAwait(false)),
            _ => (cluster * 4L, await ReadAsync(cluster * 4L, 4, cancellationToken).ConfigureAwait(false) & 0x0FFFFFFF),
        };

        // Section 4.1: the top values of each width mean "end of chain"; the one below them marks a bad cluster.
        var endOfChain = geometry.Variant switch { FatVariant.Fat12 => 0xFF8u, FatVariant.Fat16 => 0xFFF8u, _ => 0x0FFFFFF8u };
        if (value >= endOfChain)
        {
            return null;
        }

        if (!geometry.IsValidCluster(value))
        {
            var meaning = value == 0 ? "a free cluster" : value == endOfChain - 1 ? "a bad cluster" : $"cluster {value}, outside 2..{geometry.MaxCluster}";
            throw new DiskFormatException(Layer, "fat.entry", geometry.FatOffset + at,
                $"the entry for cluster {cluster} points to {meaning}");
        }

        return value;
    }

    private async ValueTask<(long At, uint Value)> ReadFat12Async(uint cluster, CancellationToken cancellationToken)
    {
        // 12-bit entries pack two to three bytes: odd clusters hold the high 12 bits of their pair.
        var at = cluster + (cluster / 2L);
        var pair = await ReadAsync(at, 2, cancellationToken).ConfigureAwait(false);
        return (at, (cluster & 1) != 0 ? pair >> 4 : pair & 0x0FFF);
    }

    /// <summary>A little-endian value of <paramref name="width"/> bytes at FAT offset <paramref name="at"/>.</summary>
    private async ValueTask<uint> ReadAsync(long at, int width, CancellationToken cancellationToken)
    {
        uint value = 0;
        for (var i = 0; i < width; i++)
        {
            var piece = await PieceAsync((at + i) / PieceSize, cancellationToken).ConfigureAwait(false);
            value |= (uint)piece[(int)((at + i) % PieceSize)] << (8 * i);
        }

        return value;
    }

    private async ValueTask<byte[]> PieceAsync(long index, CancellationToken cancellationToken)
    {
        if (_pieces.TryGetValue(index, out var cached))
        {
            return cached;
        }

        // The geometry guarantees FatLength covers every valid cluster's entry, so index stays inside the FAT.
        var start = index * PieceSize;
        var length = (int)Math.Min(PieceSize, geometry.FatLength - start);
        var piece = await device.ReadBytesAsync(geometry.FatOffset + start, length, Layer, "fat", cancellationToken).ConfigureAwait(false);
        if (_pieces.Count >= MaxCachedPieces)
        {
            _pieces.Clear();
        }

        _pieces.TryAdd(index, piece);
        return piece;
    }
}
