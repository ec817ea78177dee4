using System.Buffers.Binary;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images;

/// <summary>
/// Reads single entries of on-disk lookup tables (qcow2 L1/L2, VMDK grain directory and grain
/// tables, VHD and VHDX BATs) a page at a time, through a bounded LRU cache, so that only the
/// pages covering what is read are ever loaded.
/// </summary>
internal sealed class PagedTableReader
{
    private const int PageSize = 4096;
    private const long DefaultCacheBytes = 4L * 1024 * 1024;

    private readonly IBlockDevice _container;
    private readonly string _layer;
    private readonly bool _bigEndian;
    // Keyed by start and length: hostile tables may overlap, so one start can hold pages of different lengths.
    private readonly AsyncLruCache<(long Start, int Length)> _pages = new(DefaultCacheBytes);

    public PagedTableReader(IBlockDevice container, string layer, bool bigEndian)
    {
        _container = container;
        _layer = layer;
        _bigEndian = bigEndian;
    }

    /// <summary>
    /// Reads entry <paramref name="index"/> (4 or 8 bytes wide) of the table of
    /// <paramref name="entryCount"/> entries at <paramref name="tableOffset"/>; a table reaching
    /// past the end of the container is a format error naming <paramref name="structure"/>.
    /// </summary>
    public async ValueTask<ulong> ReadEntryAsync(
        long tableOffset, long entryCount, int entrySize, long index, string structure, CancellationToken cancellationToken)
    {
        if ((ulong)index >= (ulong)entryCount)
        {
            throw new DiskFormatException(_layer, structure, tableOffset, $"entry {index} is outside the table of {entryCount} entries");
        }

        long tableBytes;
        try
        {
            tableBytes = checked(entryCount * entrySize);
        }
        catch (OverflowException)
        {
            tableBytes = long.MaxValue;
        }

        if (tableOffset < 0 || tableOffset > _container.Length || tableBytes > _container.Length - tableOffset)
        {
            throw new DiskFormatException(_layer, structure, tableOffset,
                $"the table of {entryCount} {entrySize}-byte entries lies past the end of the {_container.Length}-byte file");
        }

        var byteInTable = index * entrySize;
        var pageStart = tableOffset + byteInTable / PageSize * PageSize;
        var pageLength = (int)Math.Min(PageSize, tableOffset + tableBytes - pageStart);
        var page = await _pages.GetOrLoadAsync((pageStart, pageLength), pageLength,
            (key, ct) => _container.ReadBytesAsync(key.Start, key.Length, _layer, structure, ct).AsTask(), cancellationToken)
            .ConfigureAwait(false);
        var entry = page.AsSpan((int)(byteInTable % PageSize), entrySize);
        return (entrySize, _bigEndian) switch
        {
            (4, true) => BinaryPrimitives.ReadUInt32BigEndian(entry),
            (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(entry),
            (_, true) => BinaryPrimitives.ReadUInt64BigEndian(entry),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(entry),
        };
    }
}
