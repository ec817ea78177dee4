using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Fat.FatLongNameEntryLayout;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// Collects the long-name entries that precede a short entry (specification section 7): they
/// come last-part-first, the first carrying 0x40 in its ordinal, each ordinal one less than
/// the one before, all carrying the checksum of the short name they belong to. Any break in
/// that sequence discards the set, and the short entry is then named by its 8.3 name — the
/// same fallback the specification prescribes for orphaned long-name entries.
/// </summary>
internal sealed class FatLongNameAssembler
{
    private readonly char[] _units = new char[L.MaxEntriesPerName * L.UnitsPerEntry];
    private int _entries;
    private int _nextOrdinal;
    private byte _checksum;

    /// <summary>Feeds one long-name slot in on-disk order.</summary>
    public void Accept(ReadOnlySpan<byte> slot)
    {
        var ordinal = slot[L.LDIR_Ord] & L.OrdinalMask;
        var starts = (slot[L.LDIR_Ord] & L.LastLongEntry) != 0;
        var wellFormed = ordinal is >= 1 and <= L.MaxEntriesPerName
            && slot[L.LDIR_Type] == 0
            && BinaryPrimitives.ReadUInt16LittleEndian(slot[L.LDIR_FstClusLO..]) == 0;

        if (!wellFormed)
        {
            Reset();
            return;
        }

        if (starts)
        {
            _entries = ordinal;
            _checksum = slot[L.LDIR_Chksum];
        }
        else if (_nextOrdinal == 0 || ordinal != _nextOrdinal || slot[L.LDIR_Chksum] != _checksum)
        {
            Reset();
            return;
        }

        var at = (ordinal - 1) * L.UnitsPerEntry;
        Copy(slot.Slice(L.LDIR_Name1, L.Name1Units * 2), at);
        Copy(slot.Slice(L.LDIR_Name2, L.Name2Units * 2), at + L.Name1Units);
        Copy(slot.Slice(L.LDIR_Name3, L.Name3Units * 2), at + L.Name1Units + L.Name2Units);
        _nextOrdinal = ordinal - 1;
    }

    /// <summary>
    /// Called for the short entry that ends a set: the long name when the whole set arrived and
    /// matches <paramref name="shortNameChecksum"/>, otherwise null. Always starts a new set.
    /// </summary>
    public string? Complete(byte shortNameChecksum)
    {
        var complete = _entries > 0 && _nextOrdinal == 0 && _checksum == shortNameChecksum;
        var name = complete ? Decode(_units.AsSpan(0, _entries * L.UnitsPerEntry)) : null;
        Reset();
        return name;
    }

    /// <summary>Drops a set in progress (a deleted or foreign entry interrupted it).</summary>
    public void Reset()
    {
        _entries = 0;
        _nextOrdinal = 0;
    }

    private void Copy(ReadOnlySpan<byte> field, int at)
    {
        for (var i = 0; i < field.Length / 2; i++)
        {
            _units[at + i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(field[(i * 2)..]);
        }
    }

    /// <summary>Up to the 0x0000 terminator; empty or over-long names count as broken.</summary>
    private static string? Decode(ReadOnlySpan<char> units)
    {
        var end = units.IndexOf('\0');
        var name = end < 0 ? units : units[..end];
        if (name.IsEmpty || name.Length > L.MaxNameLength)
        {
            return null;
        }

        // UTF-16 from disk may hold lone surrogates; replace them so every name is valid Unicode.
        Span<char> clean = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(name[i - 1]) && clean[i - 1] == name[i - 1]);
            clean[i] = paired ? c : '\uFFFD';
        }

        return new string(clean);
    }
}
