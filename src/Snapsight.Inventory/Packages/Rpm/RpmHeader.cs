using System.Buffers.Binary;
using System.Text;

namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// One rpm header as rpmdb stores it: big-endian il and dl, il 16-byte index entries (tag, type,
/// offset, count), then dl data bytes. <see cref="Parse"/> checks what rpm's
/// <c>hdrblobVerifyRegion</c>/<c>hdrblobVerifyInfo</c> (lib/header.c) check, so every later read
/// of an entry stays inside the data: tags below 100 only as the leading region tag, known types,
/// aligned offsets, counts within dl, strings NUL-terminated inside dl, and entries whose data do
/// not overlap (which also keeps validation linear in dl).
/// </summary>
public sealed partial class RpmHeader
{
    private const string Layer = "rpm";
    private const string Structure = "rpm.header";

    /// <summary>rpm's HEADER_I18NTABLE: tags below it are reserved for regions and signatures.</summary>
    private const int FirstDataTag = 100;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly Dictionary<int, Entry> _entries;
    private readonly long _dataOffset;

    private RpmHeader(ReadOnlyMemory<byte> data, Dictionary<int, Entry> entries, long dataOffset)
    {
        _data = data;
        _entries = entries;
        _dataOffset = dataOffset;
    }

    /// <summary>Validates <paramref name="blob"/>; <paramref name="offset"/> is where it starts in the database file, for errors.</summary>
    public static RpmHeader Parse(ReadOnlyMemory<byte> blob, long offset = 0)
    {
        var span = blob.Span;
        if (span.Length < RpmHeaderLimits.PreambleSize)
        {
            throw Bad(offset, $"blob of {span.Length} bytes is shorter than il and dl");
        }

        var il = BinaryPrimitives.ReadUInt32BigEndian(span);
        var dl = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
        if (il is 0 or > RpmHeaderLimits.MaxTags)
        {
            throw Bad(offset, $"index count il={il} is outside 1..{RpmHeaderLimits.MaxTags}");
        }

        if (dl > RpmHeaderLimits.MaxData)
        {
            throw Bad(offset, $"data length dl={dl} exceeds {RpmHeaderLimits.MaxData}");
        }

        // Both are capped far below 2^31 / 16, so the sum cannot overflow a long.
        var indexLength = (long)il * RpmHeaderLimits.EntrySize;
        var needed = RpmHeaderLimits.PreambleSize + indexLength + dl;
        if (needed > span.Length)
        {
            throw Bad(offset, $"il={il} and dl={dl} need {needed} bytes but the blob has {span.Length}");
        }

        var index = span.Slice(RpmHeaderLimits.PreambleSize, (int)indexLength);
        var dataStart = RpmHeaderLimits.PreambleSize + (int)indexLength;
        var data = blob.Slice(dataStart, (int)dl);
        var dataOffset = offset + dataStart;
        var first = ReadEntry(index, 0);
        var start = IsRegionTag(first.Tag) ? 1 : 0;
        var trailer = (Start: -1L, End: -1L);
        if (start == 1)
        {
            VerifyRegion(first, (int)il, data.Span, offset);
            trailer = (first.Offset, first.Offset + RpmHeaderLimits.RegionTrailerSize);
        }

        var entries = new Dictionary<int, Entry>();
        long end = 0;
        for (var i = start; i < il; i++)
        {
            var entry = ReadEntry(index, i);
            var where = offset + RpmHeaderLimits.PreambleSize + (long)i * RpmHeaderLimits.EntrySize;
            if (entry.Tag < FirstDataTag)
            {
                throw Bad(where, $"entry {i} has reserved tag {entry.Tag}");
            }

            if (entry.Type is < 0 or > RpmTagType.Max)
            {
                throw Bad(where, $"entry {i} (tag {entry.Tag}) has unknown type {entry.Type}");
            }

            if (entry.Count < 1 || entry.Count > dl)
            {
                throw Bad(where, $"entry {i} (tag {entry.Tag}) count {entry.Count} is outside 1..dl={dl}");
            }

            if (entry.Offset < 0 || entry.Offset > dl)
            {
                throw Bad(where, $"entry {i} (tag {entry.Tag}) offset {entry.Offset} is outside dl={dl}");
            }

            var size = RpmTagType.ElementSize(entry.Type);
            if (size > 1 && entry.Offset % size != 0)
            {
                throw Bad(where, $"entry {i} (tag {entry.Tag}) offset {entry.Offset} is not aligned to {size}");
            }

            if (entry.Offset < end)
            {
                throw Bad(where, $"entry {i} (tag {entry.Tag}) data at {entry.Offset} overlaps the previous entry's, which ends at {end}");
            }

            var length = DataLength(entry, data.Span, where);
            if (entry.Offset < trailer.End && entry.Offset + length > trailer.Start)
            {
                throw Bad(where, $"entry {i} (tag {entry.Tag}) data overlaps the region trailer at {trailer.Start}");
            }

            end = entry.Offset + length;
            entries.TryAdd(entry.Tag, entry with { Length = (int)length });
        }

        return new RpmHeader(data, entries, dataOffset);
    }

    /// <summary>The package as <c>rpm -qa</c> describes it; <paramref name="location"/> is the database file's path in the image.</summary>
    public InstalledPackage ToPackage(string location) => RpmPackageMapper.ToPackage(this, location);

    /// <summary>The first string of a STRING, I18NSTRING or STRING_ARRAY entry (rpm prints the C locale's), or null when absent.</summary>
    public string? GetString(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || !RpmTagType.IsString(entry.Type))
        {
            return null;
        }

        var bytes = _data.Span.Slice(entry.Offset, entry.Length);
        return Encoding.UTF8.GetString(bytes[..bytes.IndexOf((byte)0)]);
    }

    /// <summary>The first value of an INT32 entry, or null when absent or of another type.</summary>
    public int? GetInt32(int tag) =>
        _entries.TryGetValue(tag, out var entry) && entry.Type == RpmTagType.Int32
            ? BinaryPrimitives.ReadInt32BigEndian(_data.Span[entry.Offset..])
            : null;

    internal string[]? GetStringArray(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || !RpmTagType.IsString(entry.Type))
        {
            return null;
        }

        // Validation proved the entry holds Count NUL-terminated strings within Length bytes.
        var values = new string[entry.Count];
        var rest = _data.Span.Slice(entry.Offset, entry.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var nul = rest.IndexOf((byte)0);
            values[i] = Encoding.UTF8.GetString(rest[..nul]);
            rest = rest[(nul + 1)..];
        }

        return values;
    }

    internal int[]? GetInt32Array(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || entry.Type != RpmTagType.Int32)
        {
            return null;
        }

        var values = new int[entry.Count];
        var bytes = _data.Span.Slice(entry.Offset, entry.Length);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(i * 4)..]);
        }

        return values;
    }

    internal long DataOffset => _dataOffset;

    internal static PackageDatabaseException Bad(long offset, string problem) => new(Layer, Structure, offset, problem);

    private static bool IsRegionTag(int tag) => tag is RpmTag.HeaderImage or RpmTag.HeaderSignatures or RpmTag.HeaderImmutable;

    private static Entry ReadEntry(ReadOnlySpan<byte> index, int i)
    {
        var e = index.Slice(i * RpmHeaderLimits.EntrySize, RpmHeaderLimits.EntrySize);
        return new Entry(
            BinaryPrimitives.ReadInt32BigEndian(e),
            BinaryPrimitives.ReadInt32BigEndian(e[4..]),
            BinaryPrimitives.ReadInt32BigEndian(e[8..]),
            BinaryPrimitives.ReadInt32BigEndian(e[12..]),
            0);
    }

    /// <summary>
    /// The region tag's data is a trailer entry naming the same tag, whose negated offset is the
    /// size of the region's index (hdrblobVerifyRegion). We check it and never follow it, so a
    /// trailer that points back at itself cannot loop.
    /// </summary>
    private static void VerifyRegion(Entry region, int il, ReadOnlySpan<byte> data, long offset)
    {
        if (region.Type != RpmTagType.Bin || region.Count != RpmHeaderLimits.RegionTrailerSize)
        {
            throw Bad(offset, $"region tag {region.Tag} has type {region.Type} and count {region.Count}, not BIN and 16");
        }

        if (region.Offset < 0 || (long)region.Offset + RpmHeaderLimits.RegionTrailerSize > data.Length)
        {
            throw Bad(offset, $"region tag {region.Tag} trailer at {region.Offset} is outside dl={data.Length}");
        }

        var trailer = ReadEntry(data[region.Offset..], 0);
        var regionIndexLength = -(long)trailer.Offset;
        if (trailer.Tag != region.Tag || regionIndexLength <= 0 || regionIndexLength % RpmHeaderLimits.EntrySize != 0
            || regionIndexLength / RpmHeaderLimits.EntrySize > il)
        {
            throw Bad(offset, $"region tag {region.Tag} trailer (tag {trailer.Tag}, offset {trailer.Offset}) does not describe a region of at most {il} entries");
        }
    }

    /// <summary>Bytes the entry's data occupy, proven to lie inside dl (rpm's dataLength with its end bound).</summary>
    private static long DataLength(Entry entry, ReadOnlySpan<byte> data, long where)
    {
        var size = RpmTagType.ElementSize(entry.Type);
        var rest = data[entry.Offset..];
        if (!RpmTagType.IsString(entry.Type))
        {
            var length = (long)entry.Count * size;
            if (length > rest.Length)
            {
                throw Bad(where, $"tag {entry.Tag}: {entry.Count} elements of {size} bytes at {entry.Offset} run past dl={data.Length}");
            }

            return length;
        }

        if (entry.Type == RpmTagType.String && entry.Count != 1)
        {
            throw Bad(where, $"tag {entry.Tag}: a STRING entry has count {entry.Count}, not 1");
        }

        var used = 0;
        for (var i = 0; i < entry.Count; i++)
        {
            var nul = rest[used..].IndexOf((byte)0);
            if (nul < 0)
            {
                throw Bad(where, $"tag {entry.Tag}: string {i} at {entry.Offset + used} has no NUL before dl={data.Length}");
            }

            used += nul + 1;
        }

        return used;
    }

    private readonly record struct Entry(int Tag, int Type, int Offset, int Count, int Length);
}
