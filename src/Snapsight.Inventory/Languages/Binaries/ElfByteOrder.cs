using System.Buffers.Binary;

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>Reads the fields of one ELF file: its class says how wide an address is, its data byte which end comes first.</summary>
internal readonly record struct ElfByteOrder(bool Is64, bool IsBigEndian)
{
    public int PointerSize => Is64 ? 8 : 4;

    public ushort UInt16(ReadOnlySpan<byte> bytes, int offset) => IsBigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(bytes[offset..])
        : BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);

    public uint UInt32(ReadOnlySpan<byte> bytes, int offset) => IsBigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..])
        : BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    /// <summary>An address or offset: 4 bytes in a 32-bit file, 8 in a 64-bit one (as unsigned).</summary>
    public ulong Word(ReadOnlySpan<byte> bytes, int offset) => !Is64
        ? UInt32(bytes, offset)
        : IsBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);
}
