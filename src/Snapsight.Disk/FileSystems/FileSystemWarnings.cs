namespace Snapsight.Disk.FileSystems;

/// <summary>
/// The conditions a file system reports without failing (a journal not replayed, a checksum
/// mismatch), collected while reading: checksum problems show up as blocks are read, from
/// parallel readers. Thread-safe, de-duplicated, and capped so a badly damaged volume cannot
/// grow the list without bound.
/// </summary>
internal sealed class FileSystemWarnings
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
        lock (_gate)
        {
            return [.. _items];
        }
    }
}
