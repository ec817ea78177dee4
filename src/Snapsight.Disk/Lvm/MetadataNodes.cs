namespace Snapsight.Disk.Lvm;

/// <summary>A value in LVM2 metadata text: a string, an integer, or a flat list of those.</summary>
internal abstract record MetadataValue(long Offset);

internal sealed record MetadataString(string Text, long Offset) : MetadataValue(Offset);

internal sealed record MetadataInteger(long Number, long Offset) : MetadataValue(Offset);

internal sealed record MetadataList(IReadOnlyList<MetadataValue> Items, long Offset) : MetadataValue(Offset);

/// <summary>
/// A section of LVM2 metadata text, <c>name { key = value … child { … } }</c>. Keys and
/// child names are unique within a section (LVM never writes duplicates, so a duplicate is
/// treated as corruption rather than guessed at).
/// </summary>
internal sealed class MetadataSection(string name, long offset)
{
    private readonly Dictionary<string, MetadataValue> _values = new(StringComparer.Ordinal);
    private readonly List<MetadataSection> _children = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Device offset of the text where this section starts, for error messages.</summary>
    public long Offset { get; } = offset;

    public IReadOnlyList<MetadataSection> Children => _children;

    public MetadataValue? this[string key] => _values.GetValueOrDefault(key);

    public MetadataSection? Child(string childName) => _children.FirstOrDefault(c => c.Name == childName);

    /// <summary>Adds a key; false when the name is already used in this section.</summary>
    public bool TryAdd(string key, MetadataValue value) => _names.Add(key) && _values.TryAdd(key, value);

    public bool TryAdd(MetadataSection child)
    {
        if (!_names.Add(child.Name))
        {
            return false;
        }

        _children.Add(child);
        return true;
    }
}
