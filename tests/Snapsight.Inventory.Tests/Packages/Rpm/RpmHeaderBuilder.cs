using System.Buffers.Binary;
using System.Text;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// Writes header blobs the way rpm stores them (an immutable region tag first, its trailer at
/// the end of the data), so tests can start from a valid header and break one thing.
/// </summary>
internal sealed class RpmHeaderBuilder
{
    private readonly List<(int Tag, int Type, int Count, byte[] Data)> _entries = [];

    public RpmHeaderBuilder String(int tag, string value) => Add(tag, RpmTagType.String, 1, Nul(value));

    public RpmHeaderBuilder Strings(int tag, params string[] values) =>
        Add(tag, RpmTagType.StringArray, values.Length, values.SelectMany(Nul).ToArray());

    public RpmHeaderBuilder Int32s(int tag, params int[] values)
    {
        var data = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(i * 4), values[i]);
        }

        return Add(tag, RpmTagType.Int32, values.Length, data);
    }

    public RpmHeaderBuilder Add(int tag, int type, int count, byte[] data)
    {
        _entries.Add((tag, type, count, data));
        return this;
    }

    public static RpmHeaderBuilder Package(string name = "demo") => new RpmHeaderBuilder()
        .String(RpmTag.Name, name).String(RpmTag.Version, "1.0").String(RpmTag.Release, "2.el9")
        .Int32s(RpmTag.Epoch, 3).String(RpmTag.Arch, "x86_64").String(RpmTag.License, "MIT")
        .String(RpmTag.SourceRpm, name + "-src-1.0-2.el9.src.rpm");

    /// <summary>The blob: il, dl, the region entry, the entries in tag order, then data with the trailer last; legacy headers have no region.</summary>
    public byte[] Build(bool region = true)
    {
        var data = new List<byte>();
        var index = new List<(int Tag, int Type, int Offset, int Count)>();
        foreach (var (tag, type, count, bytes) in _entries.OrderBy(e => e.Tag))
        {
            var align = Math.Max(1, RpmTagType.ElementSize(type));
            while (data.Count % align != 0)
            {
                data.Add(0);
            }

            index.Add((tag, type, data.Count, count));
            data.AddRange(bytes);
        }

        if (!region)
        {
            return Write(index, data);
        }

        var il = index.Count + 1;
        var trailer = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(trailer, RpmTag.HeaderImmutable);
        BinaryPrimitives.WriteInt32BigEndian(trailer.AsSpan(4), RpmTagType.Bin);
        BinaryPrimitives.WriteInt32BigEndian(trailer.AsSpan(8), -il * 16);
        BinaryPrimitives.WriteInt32BigEndian(trailer.AsSpan(12), 16);
        var trailerOffset = data.Count;
        data.AddRange(trailer);
        index.Insert(0, (RpmTag.HeaderImmutable, RpmTagType.Bin, trailerOffset, 16));
        return Write(index, data);
    }

    private static byte[] Write(List<(int Tag, int Type, int Offset, int Count)> index, List<byte> data)
    {
        var il = index.Count;
        var blob = new byte[8 + (il * 16) + data.Count];
        BinaryPrimitives.WriteInt32BigEndian(blob, il);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), data.Count);
        for (var i = 0; i < index.Count; i++)
        {
            var e = blob.AsSpan(8 + (i * 16));
            BinaryPrimitives.WriteInt32BigEndian(e, index[i].Tag);
            BinaryPrimitives.WriteInt32BigEndian(e[4..], index[i].Type);
            BinaryPrimitives.WriteInt32BigEndian(e[8..], index[i].Offset);
            BinaryPrimitives.WriteInt32BigEndian(e[12..], index[i].Count);
        }

        data.CopyTo(blob, 8 + (il * 16));
        return blob;
    }

    /// <summary>Where index entry <paramref name="i"/> (0 is the region tag) starts in the blob.</summary>
    public static int EntryAt(int i) => 8 + (i * 16);

    private static byte[] Nul(string value) => [.. Encoding.UTF8.GetBytes(value), 0];
}
