using System.Globalization;

namespace Snapsight.Disk.Images.Vmdk;

/// <summary>One extent line: <c>RW 2048 FLAT "disk-flat.vmdk" 0</c> (access, sectors, type, file, start sector).</summary>
internal sealed record VmdkExtentLine(string Access, long Sectors, string Type, string FileName, long StartSector);

/// <summary>
/// The text descriptor of a VMDK (Virtual Disk Format 5.0, "The Descriptor File"): either a file
/// of its own (monolithicFlat) or embedded in a sparse extent. Only the keys we use are kept.
/// </summary>
internal sealed record VmdkDescriptor(string? CreateType, string? ParentCid, string? ParentFileNameHint, IReadOnlyList<VmdkExtentLine> Extents)
{
    public const string Signature = "# Disk DescriptorFile";
    private const int MaxExtents = 1024;

    /// <summary>A parent CID other than ffffffff marks a delta link (a child of another disk).</summary>
    public bool HasParent => ParentCid is not null && !ParentCid.Equals("ffffffff", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses a delta link, naming its parent.</summary>
    public void RefuseParent(string layer, long offset)
    {
        if (HasParent)
        {
            throw new UnsupportedFeatureException(layer, "vmdk.descriptor", offset, ["delta link (parent disk)"],
                $"parent \"{ParentFileNameHint ?? "(no parentFileNameHint)"}\", parentCID {ParentCid}");
        }
    }

    public static bool Probe(ReadOnlySpan<byte> header) =>
        header.StartsWith("# Disk DescriptorFile"u8);

    /// <summary>Parses descriptor text (already bounded in size by the caller); <paramref name="offset"/> is for errors.</summary>
    public static VmdkDescriptor Parse(string text, string layer, long offset)
    {
        string? createType = null;
        string? parentCid = null;
        string? parentHint = null;
        var extents = new List<VmdkExtentLine>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim().TrimEnd('\0');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (TryKeyValue(line, "createType", out var value))
            {
                createType = value;
            }
            else if (TryKeyValue(line, "parentCID", out value))
            {
                parentCid = value;
            }
            else if (TryKeyValue(line, "parentFileNameHint", out value))
            {
                parentHint = value;
            }
            else if (line.StartsWith("RW ", StringComparison.Ordinal) || line.StartsWith("RDONLY ", StringComparison.Ordinal)
                     || line.StartsWith("NOACCESS ", StringComparison.Ordinal))
            {
                if (extents.Count == MaxExtents)
                {
                    throw new DiskFormatException(layer, "vmdk.descriptor", offset, $"more than {MaxExtents} extent lines");
                }

                extents.Add(ParseExtent(line, layer, offset));
            }
        }

        return new VmdkDescriptor(createType, parentCid, parentHint, extents);
    }

    private static bool TryKeyValue(string line, string key, out string value)
    {
        value = "";
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || !line[..equals].Trim().Equals(key, StringComparison.Ordinal))
        {
            return false;
        }

        value = line[(equals + 1)..].Trim().Trim('"');
        return true;
    }

    private static VmdkExtentLine ParseExtent(string line, string layer, long offset)
    {
        // The file name is quoted and may contain spaces: split around the quotes.
        var open = line.IndexOf('"', StringComparison.Ordinal);
        var close = open < 0 ? -1 : line.IndexOf('"', open + 1);
        if (close < 0)
        {
            throw new DiskFormatException(layer, "vmdk.descriptor", offset, $"extent line without a quoted file name: {Shorten(line)}");
        }

        var head = line[..open].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tail = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (head.Length != 3
            || !long.TryParse(head[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sectors)
            || tail.Length > 1
            || (tail.Length == 1 && !long.TryParse(tail[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new DiskFormatException(layer, "vmdk.descriptor", offset, $"malformed extent line: {Shorten(line)}");
        }

        var start = tail.Length == 1 ? long.Parse(tail[0], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return new VmdkExtentLine(head[0], sectors, head[2], line[(open + 1)..close], start);
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..120] + "…";
}
