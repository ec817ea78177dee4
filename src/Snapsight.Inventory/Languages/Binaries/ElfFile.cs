using Snapsight.Disk;

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// The sections of one ELF file, found by reading its header, its section header table and its
/// section-name table, each within bounds, and nothing else until a section is asked for.
/// Any class (32/64-bit) and byte order. The stream must be seekable; it is not disposed here.
/// </summary>
internal sealed class ElfFile
{
    /// <summary>The gABI's 16-bit count; the extended numbering beyond it is not followed.</summary>
    public const int MaxSections = 0xFFFF;

    /// <summary>Entries larger than the class's own size are allowed (the gABI says so) up to this.</summary>
    public const int MaxSectionEntrySize = 256;

    /// <summary>Section names of real binaries take a few KiB.</summary>
    public const int MaxSectionNameBytes = 1 << 20;

    private readonly Stream _stream;
    private readonly long _length;
    private readonly byte[] _names;

    private ElfFile(Stream stream, long length, ElfByteOrder byteOrder, IReadOnlyList<ElfSection> sections, byte[] names)
    {
        _stream = stream;
        _length = length;
        ByteOrder = byteOrder;
        Sections = sections;
        _names = names;
    }

    public ElfByteOrder ByteOrder { get; }

    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>
    /// The file's sections, or null when it is not ELF (or has no section headers, as
    /// <c>e_shnum</c> 0 says). A header that is ELF but breaks the format's rules throws
    /// <see cref="DiskFormatException"/>.
    /// </summary>
    public static async Task<ElfFile?> OpenAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        if (length < ElfLayout.HeaderSize)
        {
            return null;
        }

        var header = await ReadAtAsync(stream, length, 0, ElfLayout.HeaderSize, cancellationToken).ConfigureAwait(false);
        if (!header.AsSpan().StartsWith(ElfLayout.Magic))
        {
            return null;
        }

        var byteOrder = ReadByteOrder(header);
        var (tableOffset, entrySize, count, namesIndex) = ReadSectionTablePlace(header, byteOrder);
        if (count == 0)
        {
            return null;
        }

        var minimumEntrySize = byteOrder.Is64 ? ElfLayout.Section64.Size : ElfLayout.Section32.Size;
        if (entrySize < minimumEntrySize || entrySize > MaxSectionEntrySize)
        {
            throw Bad("elf.header", 0, $"section header entry size {entrySize} is outside {minimumEntrySize}..{MaxSectionEntrySize}");
        }

        if (namesIndex == ElfLayout.ExtendedIndex || namesIndex >= count)
        {
            throw Bad("elf.header", 0, $"section-name table index {namesIndex} is not one of the {count} sections");
        }

        var tableBytes = (long)count * entrySize;
        if (tableOffset > (ulong)length || tableBytes > length - (long)tableOffset)
        {
            throw Bad("elf.sections", (long)Math.Min(tableOffset, long.MaxValue), $"the table of {count} sections of {entrySize} bytes at {tableOffset} runs past the end of the {length}-byte file");
        }

        var table = await ReadAtAsync(stream, length, (long)tableOffset, (int)tableBytes, cancellationToken).ConfigureAwait(false);
        var sections = new ElfSection[count];
        for (var i = 0; i < count; i++)
        {
            sections[i] = ReadSection(table.AsSpan(i * entrySize, entrySize), byteOrder);
        }

        var namesSection = sections[namesIndex];
        if (namesSection.Size > MaxSectionNameBytes)
        {
            throw Bad("elf.shstrtab", (long)Math.Min(namesSection.Offset, long.MaxValue), $"the section-name table holds {namesSection.Size} bytes, over the {MaxSectionNameBytes}-byte bound");
        }

        var withoutNames = new ElfFile(stream, length, byteOrder, sections, []);
        var names = await withoutNames.ReadAsync(namesSection, MaxSectionNameBytes, cancellationToken).ConfigureAwait(false);
        return new ElfFile(stream, length, byteOrder, sections, names);
    }

    /// <summary>The first section with this name, or null.</summary>
    public ElfSection? Find(ReadOnlySpan<byte> name)
    {
        foreach (var section in Sections)
        {
            if (section.NameOffset < (uint)_names.Length)
            {
                var rest = _names.AsSpan((int)section.NameOffset);
                var end = rest.IndexOf((byte)0);
                if (end >= 0 && rest[..end].SequenceEqual(name))
                {
                    return section;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes of the section (all of it when smaller), after
    /// checking that it lies inside the file. A section with no file bytes (.bss) reads empty.
    /// </summary>
    public Task<byte[]> ReadAsync(ElfSection section, int maxBytes, CancellationToken cancellationToken) =>
        section.Type == ElfLayout.SectionTypeNoBits
            ? Task.FromResult(Array.Empty<byte>())
            : ReadWithinAsync(section, 0, (int)Math.Min(section.Size, (ulong)maxBytes), cancellationToken);

    /// <summary>Bytes of a section from <paramref name="start"/> within it (the caller keeps them inside it), once the whole section is known to lie inside the file.</summary>
    private Task<byte[]> ReadWithinAsync(ElfSection section, ulong start, int count, CancellationToken cancellationToken)
    {
        if (section.Offset > (ulong)_length || section.Size > (ulong)_length - section.Offset)
        {
            throw Bad("elf.section", (long)Math.Min(section.Offset, long.MaxValue), $"the section of {section.Size} bytes at {section.Offset} runs past the end of the {_length}-byte file");
        }

        return ReadAtAsync(_stream, _length, (long)(section.Offset + start), count, cancellationToken);
    }

    /// <summary>
    /// <paramref name="count"/> bytes at a virtual address, from the section that holds all of
    /// them (the loader puts section bytes at <c>sh_addr</c>), as Go's own reader maps addresses
    /// through the loadable segments. The caller bounds <paramref name="count"/>.
    /// </summary>
    public async Task<byte[]> ReadAtAddressAsync(ulong address, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        foreach (var section in Sections)
        {
            if (section.Address != 0 && address >= section.Address
                && address - section.Address <= section.Size && (ulong)count <= section.Size - (address - section.Address))
            {
                // .bss takes no file bytes: the loader fills it with zeros (Go 1.15 leaves an empty runtime.modinfo there).
                return section.Type == ElfLayout.SectionTypeNoBits
                    ? new byte[count]
                    : await ReadWithinAsync(section, address - section.Address, count, cancellationToken).ConfigureAwait(false);
            }
        }

        throw Bad("elf.sections", 0, $"no section holds the {count} bytes at address 0x{address:x}");
    }

    private static ElfByteOrder ReadByteOrder(ReadOnlySpan<byte> header)
    {
        var is64 = header[ElfLayout.Class] switch
        {
            ElfLayout.Class32 => false,
            ElfLayout.Class64 => true,
            var other => throw Bad("elf.header", ElfLayout.Class, $"class {other} is neither 32-bit (1) nor 64-bit (2)"),
        };
        var bigEndian = header[ElfLayout.Data] switch
        {
            ElfLayout.DataLittleEndian => false,
            ElfLayout.DataBigEndian => true,
            var other => throw Bad("elf.header", ElfLayout.Data, $"data encoding {other} is neither little-endian (1) nor big-endian (2)"),
        };
        return new ElfByteOrder(is64, bigEndian);
    }

    private static (ulong Offset, int EntrySize, int Count, int NamesIndex) ReadSectionTablePlace(ReadOnlySpan<byte> header, ElfByteOrder order) => order.Is64
        ? (order.Word(header, ElfLayout.Header64.SectionTableOffset), order.UInt16(header, ElfLayout.Header64.SectionEntrySize),
            order.UInt16(header, ElfLayout.Header64.SectionCount), order.UInt16(header, ElfLayout.Header64.SectionNamesIndex))
        : (order.Word(header, ElfLayout.Header32.SectionTableOffset), order.UInt16(header, ElfLayout.Header32.SectionEntrySize),
            order.UInt16(header, ElfLayout.Header32.SectionCount), order.UInt16(header, ElfLayout.Header32.SectionNamesIndex));

    private static ElfSection ReadSection(ReadOnlySpan<byte> entry, ElfByteOrder order) => order.Is64
        ? new(order.UInt32(entry, ElfLayout.Section64.Name), order.UInt32(entry, ElfLayout.Section64.Type),
            order.Word(entry, ElfLayout.Section64.Address), order.Word(entry, ElfLayout.Section64.Offset), order.Word(entry, ElfLayout.Section64.DataSize))
        : new(order.UInt32(entry, ElfLayout.Section32.Name), order.UInt32(entry, ElfLayout.Section32.Type),
            order.Word(entry, ElfLayout.Section32.Address), order.Word(entry, ElfLayout.Section32.Offset), order.Word(entry, ElfLayout.Section32.DataSize));

    /// <summary>Reads a range already checked to lie inside the file, so a short read is the file changing under us.</summary>
    private static async Task<byte[]> ReadAtAsync(Stream stream, long length, long offset, int count, CancellationToken cancellationToken)
    {
        System.Diagnostics.Debug.Assert(offset >= 0 && count >= 0 && offset <= length - count, "range checked by the caller");
        var bytes = new byte[count];
        stream.Position = offset;
        var read = await stream.ReadAtLeastAsync(bytes, count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < count)
        {
            throw Bad("elf", offset, $"the file ended after {read} of the {count} bytes at {offset}");
        }

        return bytes;
    }

    private static DiskFormatException Bad(string structure, long offset, string problem) => new("elf", structure, offset, problem);
}
