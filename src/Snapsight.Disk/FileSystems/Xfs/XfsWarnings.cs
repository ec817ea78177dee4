namespace Snapsight.Disk.FileSystems.Xfs;

/// <summary>
/// Tolerated problems found while reading (a dirty log, a CRC mismatch). Reads run in
/// parallel, so adds are locked; the list is capped so a damaged image cannot grow it without bound.
/// </summary>
internal sealed class XfsWarnings
{
    private const int Cap = 100;
    private readonly List<string> _items = [];
    private readonly Lock _lock = new();

    public void Add(string warning)
    {
        lock (_lock)
        {
            if (_items.Count < Cap)
            {
                _items.Add(warning);
            }
            else if (_items.Count == Cap)
            {
                _items.Add("further warnings were dropped");
            }
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }
}
