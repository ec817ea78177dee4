using System.Buffers.Binary;
using System.Text;
using L = Snapsight.Disk.FileSystems.Ntfs.NtfsRecordLayout;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// One MFT record ("FILE"), fixups applied, its attribute list walked once with every length
/// and offset checked: each attribute lies inside the bytes in use and advances by at least its
/// minimal header, so a zero length cannot loop, and the list must end with 0xFFFFFFFF.
/// </summary>
internal sealed class NtfsFileRecord
{
    private const string Structure = "ntfs.file_record";
    private const string AttributeStructure = "ntfs.attribute";

    private NtfsFileRecord(long number, byte[] bytes, long deviceOffset, ushort flags, ushort sequence, ulong baseRecord, IReadOnlyList<NtfsAttribute> attributes)
    {
        Number = number;
        Bytes = bytes;
        DeviceOffset = deviceOffset;
        Flags = flags;
        SequenceNumber = sequence;
        BaseRecord = baseRecord;
        Attributes = attributes;
    }

    public long Number { get; }

    /// <summary>The record after fixups; resident values are read from here.</summary>
    public byte[] Bytes { get; }

    public long DeviceOffset { get; }

    public ushort Flags { get; }

    public ushort SequenceNumber { get; }

    /// <summary>The base record's file reference; 0 for a base record.</summary>
    public ulong BaseRecord { get; }

    public IReadOnlyList<NtfsAttribute> Attributes { get; }

    public bool InUse => (Flags & L.FlagInUse) != 0;

    public bool IsDirectory => (Flags & L.FlagDirectory) != 0;

    public bool HasAttributeList => Attributes.Any(a => a.Type == NtfsAttributeType.AttributeList);

    /// <summary>The first attribute of <paramref name="type"/> named <paramref name="name"/> (ordinal), or null.</summary>
    public NtfsAttribute? Find(uint type, string name) =>
        Attributes.FirstOrDefault(a => a.Type == type && string.Equals(a.Name, name, StringComparison.Ordinal));

    public ReadOnlySpan<byte> ResidentValue(NtfsAttribute attribute) => Bytes.AsSpan(attribute.ValueOffset, attribute.ValueLength);

    /// <summary>Parses a record read from the device (fixups are applied to <paramref name="bytes"/> in place).</summary>
    public static NtfsFileRecord Parse(byte[] bytes, long number, long deviceOffset, long clusterCount, int clusterSize)
    {
        NtfsMultiSectorRecord.Fixup(bytes, "FILE"u8, Structure, deviceOffset);
        var span = bytes.AsSpan();
        long bytesInUse = BinaryPrimitives.ReadUInt32LittleEndian(span[L.BytesInUse..]);
        long allocated = BinaryPrimitives.ReadUInt32LittleEndian(span[L.BytesAllocated..]);
        if (allocated != bytes.Length || bytesInUse > allocated || bytesInUse < L.FileHeaderMinSize)
        {
            throw NtfsError.At(Structure, deviceOffset + L.BytesInUse, $"record {number}: {bytesInUse} bytes in use of {allocated} allocated, in a {bytes.Length}-byte record");
        }

        int first = BinaryPrimitives.ReadUInt16LittleEndian(span[L.AttributesOffset..]);
        if (first < L.FileHeaderMinSize || (first & 7) != 0 || first > bytesInUse)
        {
            throw NtfsError.At(Structure, deviceOffset + L.AttributesOffset, $"record {number}: first attribute offset {first} is not 8-aligned between {L.FileHeaderMinSize} and {bytesInUse}");
        }

        var attributes = new List<NtfsAttribute>();
        var at = first;
        while (true)
        {
            if (at > bytesInUse - 4)
            {
                throw NtfsError.At(AttributeStructure, deviceOffset + at, $"record {number}: the attribute list reaches the end of the bytes in use ({bytesInUse}) without 0xFFFFFFFF");
            }

            var type = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
            if (type == L.EndOfAttributes)
            {
                break;
            }

            var attribute = ParseAttribute(span[..(int)bytesInUse], at, number, deviceOffset, clusterCount, clusterSize, out var length);
            attributes.Add(attribute);
            at += length;
        }

        return new NtfsFileRecord(number, bytes, deviceOffset, BinaryPrimitives.ReadUInt16LittleEndian(span[L.Flags..]),
            BinaryPrimitives.ReadUInt16LittleEndian(span[L.SequenceNumber..]), BinaryPrimitives.ReadUInt64LittleEndian(span[L.BaseRecord..]), attributes);
    }

    private static NtfsAttribute ParseAttribute(ReadOnlySpan<byte> used, int at, long number, long deviceOffset, long clusterCount, int clusterSize, out int length)
    {
        var where = deviceOffset + at;
        var type = BinaryPrimitives.ReadUInt32LittleEndian(used[at..]);
        if (at > used.Length - L.ResidentHeaderSize)
        {
            throw NtfsError.At(AttributeStructure, where, $"record {number}: attribute 0x{type:X} header runs past the bytes in use");
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(used[(at + L.AttrLength)..]);
        var nonResident = used[at + L.AttrNonResident] != 0;
        var minimum = nonResident ? L.NonResidentHeaderSize : L.ResidentHeaderSize;
        if (declared < minimum || (declared & 7) != 0 || declared > used.Length - at)
        {
            throw NtfsError.At(AttributeStructure, where, $"record {number}: attribute 0x{type:X} length {declared} is under {minimum}, not 8-aligned, or past the {used.Length} bytes in use");
        }

        length = (int)declared;
        var attribute = used.Slice(at, length);
        int nameLength = attribute[L.AttrNameLength];
        int nameOffset = BinaryPrimitives.ReadUInt16LittleEndian(attribute[L.AttrNameOffset..]);
        if (nameLength > 0 && (nameOffset < L.ResidentHeaderSize || nameOffset + (2 * nameLength) > length))
        {
            throw NtfsError.At(AttributeStructure, where, $"record {number}: attribute 0x{type:X} name of {nameLength} units at {nameOffset} lies outside its {length} bytes");
        }

        var name = nameLength == 0 ? "" : Encoding.Unicode.GetString(attribute.Slice(nameOffset, 2 * nameLength));
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(attribute[L.AttrFlags..]);
        if (!nonResident)
        {
            var valueLength = BinaryPrimitives.ReadUInt32LittleEndian(attribute[L.ResidentValueLength..]);
            int valueOffset = BinaryPrimitives.ReadUInt16LittleEndian(attribute[L.ResidentValueOffset..]);
            if (valueOffset < L.ResidentHeaderSize || valueOffset > length || valueLength > length - valueOffset)
            {
                throw NtfsError.At(AttributeStructure, where, $"record {number}: resident attribute 0x{type:X} value of {valueLength} bytes at {valueOffset} lies outside its {length} bytes");
            }

            return new NtfsAttribute { Type = type, Name = name, IsResident = true, Flags = flags, ValueOffset = at + valueOffset, ValueLength = (int)valueLength };
        }

        var startVcn = BinaryPrimitives.ReadInt64LittleEndian(attribute[L.NonResidentStartVcn..]);
        var lastVcn = BinaryPrimitives.ReadInt64LittleEndian(attribute[L.NonResidentLastVcn..]);
        var maxVcns = long.MaxValue / clusterSize;
        if (startVcn < 0 || lastVcn < startVcn - 1 || lastVcn >= maxVcns)
        {
            throw NtfsError.At(AttributeStructure, where, $"record {number}: attribute 0x{type:X} VCN range {startVcn}..{lastVcn} is invalid");
        }

        var allocatedSize = BinaryPrimitives.ReadInt64LittleEndian(attribute[L.NonResidentAllocatedSize..]);
        var dataSize = BinaryPrimitives.ReadInt64LittleEndian(attribute[L.NonResidentDataSize..]);
        var initializedSize = BinaryPrimitives.ReadInt64LittleEndian(attribute[L.NonResidentInitializedSize..]);
        // The sizes are only meaningful in the first extent (start VCN 0); there they must nest and fit the mapped clusters.
        if (startVcn == 0 && (dataSize < 0 || initializedSize < 0 || initializedSize > dataSize || dataSize > allocatedSize
            || allocatedSize > (lastVcn + 1) * clusterSize))
        {
            throw NtfsError.At(AttributeStructure, where,
                $"record {number}: attribute 0x{type:X} sizes (initialized {initializedSize}, data {dataSize}, allocated {allocatedSize}) do not nest within {lastVcn + 1} clusters");
        }

        int runsOffset = BinaryPrimitives.ReadUInt16LittleEndian(attribute[L.NonResidentRunsOffset..]);
        if (runsOffset < L.NonResidentHeaderSize || runsOffset >= length)
        {
            throw NtfsError.At(AttributeStructure, where, $"record {number}: attribute 0x{type:X} runlist offset {runsOffset} lies outside its {length} bytes");
        }

        var runs = NtfsRunList.Decode(attribute[runsOffset..], startVcn, lastVcn, clusterCount, where + runsOffset);
        return new NtfsAttribute
        {
            Type = type, Name = name, IsResident = false, Flags = flags, Runs = runs,
            StartVcn = startVcn, LastVcn = lastVcn, DataSize = dataSize, InitializedSize = initializedSize,
        };
    }
}
