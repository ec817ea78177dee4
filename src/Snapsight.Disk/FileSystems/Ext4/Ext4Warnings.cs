namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// The conditions a file system reports without failing, collected while reading (checksum
/// mismatches appear as blocks are read). Thread-safe, de-duplicated, and capped so a badly
/// damaged volume cannot grow it without bound.
/// </summary>
internal sealed class Ext4Warnings
{
    private const int Cap = 100;

    private readonly List<string> _items = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string warning)
    {
        lock (_gate)
        {
            if (_items.Count < Cap && _seen.Add(warning))
            {
                _items.Add(_items.Count == Cap - 1 ? "more warnings were dropped" : warning);
            }
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }
}
