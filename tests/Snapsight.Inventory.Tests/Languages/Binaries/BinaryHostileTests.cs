using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages.Binaries;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// Broken ELF headers, Go build info and cargo auditable sections, one defect each: every read
/// ends with a gap naming it (or, for what is not ELF at all, silently with nothing), within
/// the hostile-input bar of 2 s and 256 MiB.
/// </summary>
public sealed class BinaryHostileTests
{
    private const long SectionTableOffsetField = 40;
    private const int SectionCountField = 60;

    [Fact]
    public void A_section_table_past_the_end_of_a_real_binary_is_a_gap()
    {
        var elf = RealGoBinary();
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan((int)SectionTableOffsetField), (ulong)elf.Length - 10);

        AssertGap(ReadWithinBar(elf), "runs past the end");
    }

    [Fact]
    public void A_truncated_real_binary_is_a_gap()
    {
        AssertGap(ReadWithinBar(RealGoBinary()[..4096]), "runs past the end");
    }

    [Fact]
    public void Sixty_five_thousand_sections_in_a_tiny_file_are_a_gap()
    {
        var elf = new ElfWriter().Section(".text", new byte[900]).Build();
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(SectionCountField), 0xFFFF);

        AssertGap(ReadWithinBar(elf), "65535 sections");
    }

    [Theory]
    [InlineData(0xFFFF_FFFF_FFFF_FF00UL, 0x200UL)]
    [InlineData(0x100UL, ulong.MaxValue)]
    [InlineData(0x100UL, 0x8000_0000UL)]
    public void A_go_section_whose_range_overflows_or_leaves_the_file_is_a_gap(ulong offset, ulong size)
    {
        var elf = RealGoBinary();
        var header = SectionHeaderAt(elf, BuildInfoOffset(elf));
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(header + 24), offset);
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(header + 32), size);

        AssertGap(ReadWithinBar(elf), "go build info: the section of");
    }

    [Fact]
    public void A_string_length_of_two_to_the_sixty_second_is_a_gap()
    {
        var section = new MemoryStream();
        section.Write(GoBuildInfoWriter.Section("", "").AsSpan(0, GoBuildInfo.HeaderSize));
        GoBuildInfoWriter.WriteVarint(section, 1UL << 62);
        section.Write(new byte[64]);

        AssertGap(ReadWithinBar(GoElf(section.ToArray())), $"{1UL << 62} bytes is over the {GoBuildInfo.MaxStringBytes}-byte bound");
    }

    [Fact]
    public void A_varint_longer_than_64_bits_is_a_gap()
    {
        byte[] section = [.. GoBuildInfoWriter.Section("", "").AsSpan(0, GoBuildInfo.HeaderSize), .. Enumerable.Repeat((byte)0xFF, 20)];

        AssertGap(ReadWithinBar(GoElf(section)), "over 64 bits");
    }

    [Fact]
    public void A_module_text_of_a_hundred_thousand_lines_stops_at_the_dependency_bound()
    {
        var text = new StringBuilder("path\tx\nmod\tx\t(devel)\t\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("dep\tm").Append(i % 10).Append("\tv\n");
        }

        var output = ReadWithinBar(GoElf(GoBuildInfoWriter.Section("go1.22.1", text.ToString())));

        AssertGap(output, $"more than {GoModuleInfo.MaxDependencies} dependencies");
        Assert.Equal(GoModuleInfo.MaxDependencies + 1, output.Packages.Count);
    }

    [Fact]
    public void A_module_text_over_the_string_bound_is_a_gap()
    {
        var text = string.Concat(Enumerable.Repeat("dep\texample.com/a/long/module/path\tv1.0.0\th1:abc=\n", 30_000));

        AssertGap(ReadWithinBar(GoElf(GoBuildInfoWriter.Section("go1.22.1", text))), "over the 1048576-byte bound");
    }

    [Fact]
    public void Go_before_1_18_pointing_at_no_section_is_a_gap()
    {
        AssertGap(ReadWithinBar(GoElf(PointerBuildInfo(0x9000, 0x9010))), "no section holds the 16 bytes at address 0x9000");
    }

    [Fact]
    public void Go_before_1_18_with_a_string_of_a_terabyte_is_a_gap()
    {
        // The version's string header (pointer, length) says 2^40 bytes at 0x5000.
        var data = new byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(data, 0x5000);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8), 1UL << 40);
        var elf = new ElfWriter().Section(".go.buildinfo", PointerBuildInfo(0x4000, 0x4010)).Section(".data", data, address: 0x4000).Build();

        AssertGap(ReadWithinBar(elf), $"a string of {1UL << 40} bytes is over the");
    }

    /// <summary>The Go 1.13–1.17 header: 8-byte pointers, little-endian, the two string headers' addresses.</summary>
    private static byte[] PointerBuildInfo(ulong versionHeader, ulong modulesHeader)
    {
        var section = GoBuildInfoWriter.Section("", "", flags: 0).AsSpan(0, GoBuildInfo.HeaderSize).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(16), versionHeader);
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(24), modulesHeader);
        return section;
    }

    [Fact]
    public void A_replacement_with_no_module_before_it_is_a_gap_and_the_rest_is_read()
    {
        var output = ReadWithinBar(GoElf(GoBuildInfoWriter.Section("go1.22.1", "=>\tx\tv1\t\ndep\ta\tv2\t\n")));

        AssertGap(output, "a replacement follows no module line");
        Assert.Contains(output.Packages, p => p is { Name: "a", Version: "v2" });
    }

    [Fact]
    public void A_dep_v0_zlib_bomb_stops_at_the_cap()
    {
        var bomb = new MemoryStream();
        using (var zlib = new ZLibStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        AssertGap(ReadWithinBar(new ElfWriter().Section(".dep-v0", bomb.ToArray()).Build()), $"inflates to more than {CargoAuditableData.MaxJsonBytes} bytes");
    }

    [Theory]
    [InlineData("not zlib at all", "not zlib")]
    [InlineData(null, "does not parse")]
    public void A_dep_v0_that_is_not_zlib_json_is_a_gap(string? raw, string expected)
    {
        var section = raw is null ? Deflate(new string('[', 100) + new string(']', 100)) : Encoding.ASCII.GetBytes(raw);

        AssertGap(ReadWithinBar(new ElfWriter().Section(".dep-v0", section).Build()), expected);
    }

    [Fact]
    public void A_dep_v0_package_without_a_version_is_a_gap_and_the_rest_is_read()
    {
        var section = Deflate("""{"packages":[{"name":"a"},{"name":"b","version":"1.0.0"}]}""");

        var output = ReadWithinBar(new ElfWriter().Section(".dep-v0", section).Build());

        AssertGap(output, "package 0 has no string");
        Assert.Equal([("cargo", "b", "1.0.0")], output.Packages.Select(p => (p.Type, p.Name, p.Version)));
    }

    [Fact]
    public void A_broken_go_section_leaves_the_cargo_list_readable()
    {
        var elf = new ElfWriter().Section(".go.buildinfo", new byte[10]).Section(".dep-v0", Deflate("""{"packages":[{"name":"b","version":"1.0.0"}]}""")).Build();

        var output = ReadWithinBar(elf);

        AssertGap(output, "go build info: the section does not start");
        Assert.Single(output.Packages);
    }

    [Fact]
    public void A_section_name_table_over_its_bound_is_a_gap()
    {
        AssertGap(ReadWithinBar(new ElfWriter().Section(".pad", new byte[10]).Build(namesPadding: ElfFile.MaxSectionNameBytes)), "section-name table holds");
    }

    [Theory]
    [InlineData(4, 3, "class 3")]
    [InlineData(5, 0, "data encoding 0")]
    public void A_header_with_an_unknown_class_or_byte_order_is_a_gap(int at, byte value, string expected)
    {
        var elf = new ElfWriter().Section(".text", new byte[900]).Build();
        elf[at] = value;

        AssertGap(ReadWithinBar(elf), expected);
    }

    [Fact]
    public void What_is_not_elf_or_has_no_sections_is_silently_nothing()
    {
        var noSections = new ElfWriter().Section(".text", new byte[900]).Build();
        BinaryPrimitives.WriteUInt16LittleEndian(noSections.AsSpan(SectionCountField), 0);

        foreach (var input in (byte[][])[Encoding.ASCII.GetBytes("#!/bin/sh\n" + new string('#', 2000)), [0x7F, (byte)'E', (byte)'L', (byte)'F'], noSections])
        {
            var output = ReadWithinBar(input);
            Assert.Empty(output.Packages);
            Assert.Empty(output.Gaps);
        }
    }

    private static byte[] RealGoBinary() => File.ReadAllBytes(BinaryFixtures.Path("go", "app-stripped"));

    private static byte[] GoElf(byte[] section) => new ElfWriter().Section(".go.buildinfo", section).Build();

    private static byte[] Deflate(string text)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>Where the build-info magic is in the file: the start of the .go.buildinfo section.</summary>
    private static long BuildInfoOffset(byte[] elf) => elf.AsSpan().IndexOf(GoBuildInfo.Magic);

    /// <summary>The 64-bit little-endian section header whose sh_offset is <paramref name="offset"/>.</summary>
    private static int SectionHeaderAt(byte[] elf, long offset)
    {
        var table = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan((int)SectionTableOffsetField));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(SectionCountField));
        for (var i = 0; i < count; i++)
        {
            if ((long)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(table + (i * 64) + 24)) == offset)
            {
                return table + (i * 64);
            }
        }

        throw new InvalidOperationException($"no section at {offset}");
    }

    private static AnalyzerOutput ReadWithinBar(byte[] elf)
    {
        AnalyzerOutput? output = null;
        Assert.Null(HostileInput.Run(async cancellationToken =>
        {
            using var stream = new MemoryStream(elf, writable: false);
            output = await BinaryCataloguer.ReadAsync(stream, elf.Length, "/opt/x", cancellationToken);
        }));
        return output!;
    }

    private static void AssertGap(AnalyzerOutput output, string expected) =>
        Assert.Contains(output.Gaps, gap => gap.Where == "/opt/x" && gap.Reason.Contains(expected, StringComparison.Ordinal));
}
