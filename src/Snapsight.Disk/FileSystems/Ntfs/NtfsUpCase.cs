namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// The volume's own upper-case table ($UpCase, MFT record 10): one UTF-16 unit per unit, 65,536
/// entries. Directory indexes are sorted by names mapped through it, so lookups must compare
/// with the same table the formatting system used, not with .NET's casing rules.
/// </summary>
internal sealed class NtfsUpCase
{
    public const int Length = 0x10000;
    public const int ByteLength = Length * 2;

    private readonly char[] _table;

    public NtfsUpCase(ReadOnlySpan<byte> bytes)
    {
        _table = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            _table[i] = (char)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8));
        }
    }

    /// <summary>COLLATION_FILE_NAME without its case-sensitive tie break: upper-cased units in order, then the shorter name first.</summary>
    public int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var common = Math.Min(a.Length, b.Length);
        for (var i = 0; i < common; i++)
        {
            var difference = _table[a[i]] - _table[b[i]];
            if (difference != 0)
            {
                return difference;
            }
        }

        return a.Length - b.Length;
    }
}
