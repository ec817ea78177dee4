using Snapsight.Disk.BlockDevices;
using H = Snapsight.Disk.Images.Vhd.VhdDynamicHeaderLayout;

namespace Snapsight.Disk.Images.Vhd;

/// <summary>
/// The virtual disk of a dynamic VHD: a BAT of 32-bit sector offsets, each allocated block a
/// sector bitmap followed by its data (spec, "Block Allocation Table and Data Blocks"). Sectors
/// whose bitmap bit is clear, and unallocated blocks, read as zeros. BAT pages and bitmaps are
/// read lazily through bounded caches.
/// </summary>
internal sealed class VhdDynamicBlockDevice : MappedImageDevice
{
    private const long BitmapCacheBytes = 1024 * 1024;

    private readonly VhdDynamicHeader _header;
    private readonly PagedTableReader _bat;
    private readonly AsyncLruCache<long> _bitmaps = new(BitmapCacheBytes);

    public VhdDynamicBlockDevice(IBlockDevice container, long virtualSize, VhdDynamicHeader header)
        : base(container, virtualSize, header.BlockSize, VhdImage.Layer)
    {
        _header = header;
        _bat = new PagedTableReader(container, VhdImage.Layer, bigEndian: true);
    }

    private protected override async ValueTask<ImageExtent> MapAsync(long offset, CancellationToken cancellationToken)
    {
        var block = offset / _header.BlockSize;
        var inBlock = (int)(offset % _header.BlockSize);
        var toBlockEnd = Math.Min(_header.BlockSize - inBlock, Length - offset);

        var entry = await _bat.ReadEntryAsync(_header.TableOffset, _header.MaxTableEntries, 4, block, "vhd.bat", cancellationToken)
            .ConfigureAwait(false);
        if (entry == H.UnusedBatEntry)
        {
            return ImageExtent.Zero(toBlockEnd);
        }

        var bitmapOffset = (long)entry * H.SectorSize;
        var bitmapBytes = _header.BitmapBytes;
        var bitmap = await _bitmaps.GetOrLoadAsync(bitmapOffset, bitmapBytes,
            (at, ct) => Container.ReadBytesAsync(at, bitmapBytes, Layer, "vhd.sector-bitmap", ct).AsTask(), cancellationToken)
            .ConfigureAwait(false);

        // Serve the run of sectors sharing this sector's bitmap bit (most significant bit first).
        var sector = inBlock / H.SectorSize;
        var present = IsSet(bitmap, sector);
        var end = sector + 1;
        while (end < _header.SectorsPerBlock && IsSet(bitmap, end) == present)
        {
            end++;
        }

        var run = Math.Min((long)end * H.SectorSize - inBlock, toBlockEnd);
        return present ? ImageExtent.Data(bitmapOffset + bitmapBytes + inBlock, run) : ImageExtent.Zero(run);
    }

    private static bool IsSet(byte[] bitmap, int sector) => (bitmap[sector >> 3] & (0x80 >> (sector & 7))) != 0;
}
