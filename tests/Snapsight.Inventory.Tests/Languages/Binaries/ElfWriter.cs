using System.Buffers.Binary;
using System.Text;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// Writes a minimal ELF file in any class and byte order, following the gABI tables: the
/// header, each section's bytes, the section-name table, then the section header table (with
/// the null section first, as linkers write it). For crafted inputs the real tools will not make.
/// </summary>
public sealed class ElfWriter(bool is64 = true, bool bigEndian = false)
{
    private readonly List<(string Name, byte[] Bytes, ulong Address)> _sections = [];

    /// <summary>Adds a section; <paramref name="address"/> is its sh_addr, where a loader would put it.</summary>
    public ElfWriter Section(string name, byte[] bytes, ulong address = 0)
    {
        _sections.Add((name, bytes, address));
        return this;
    }

    /// <summary>The file; <paramref name="namesPadding"/> zero bytes are added to the section-name table, to make it large.</summary>
    public byte[] Build(int namesPadding = 0)
    {
        var headerSize = is64 ? 64 : 52;
        var entrySize = is64 ? 64 : 40;
        var names = new MemoryStream();
        names.WriteByte(0);
        var file = new MemoryStream();
        file.Write(new byte[headerSize]);
        var placed = new List<(int NameOffset, long Offset, int Size, ulong Address)> { (0, 0, 0, 0) };
        foreach (var (name, bytes, address) in _sections.Append((".shstrtab", [], 0)))
        {
            var nameOffset = (int)names.Length;
            names.Write(Encoding.ASCII.GetBytes(name + "\0"));
            if (name == ".shstrtab")
            {
                names.Write(new byte[namesPadding]);
            }

            var content = name == ".shstrtab" ? names.ToArray() : bytes;
            placed.Add((nameOffset, file.Length, content.Length, address));
            file.Write(content);
        }

        var tableOffset = file.Length;
        foreach (var (nameOffset, offset, size, address) in placed)
        {
            var entry = new byte[entrySize];
            U32(entry, 0, (uint)nameOffset);
            U32(entry, 4, nameOffset == 0 && size == 0 ? 0u : 1u); // SHT_PROGBITS
            Word(entry, is64 ? 16 : 12, address);
            Word(entry, is64 ? 24 : 16, (ulong)offset);
            Word(entry, is64 ? 32 : 20, (ulong)size);
            file.Write(entry);
        }

        var elf = file.ToArray();
        ((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']).CopyTo(elf);
        elf[4] = (byte)(is64 ? 2 : 1);
        elf[5] = (byte)(bigEndian ? 2 : 1);
        elf[6] = 1;
        Word(elf, is64 ? 40 : 32, (ulong)tableOffset);
        U16(elf, is64 ? 58 : 46, (ushort)entrySize);
        U16(elf, is64 ? 60 : 48, (ushort)placed.Count);
        U16(elf, is64 ? 62 : 50, (ushort)(placed.Count - 1));
        return elf;
    }

    /// <summary>Where the header says the section header table starts, in a file this class wrote.</summary>
    public static long SectionTableOffset(byte[] elf, bool is64 = true, bool bigEndian = false) =>
        is64 ? (long)(bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(elf.AsSpan(40)) : BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(40)))
            : bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(elf.AsSpan(32)) : BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(32));

    private void U16(byte[] b, int at, ushort v)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
        }
    }

    private void U32(byte[] b, int at, uint v)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
        }
    }

    /// <summary>Writes an address-sized value (4 or 8 bytes) in this file's byte order, for pointers inside section bytes.</summary>
    public void Word(byte[] b, int at, ulong v)
    {
        if (!is64)
        {
            U32(b, at, (uint)v);
        }
        else if (bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v);
        }
    }
}
