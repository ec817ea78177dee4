using System.Text;
using Snapsight.Inventory.Languages.Binaries;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// Go 1.13–1.17 build info with module lines, in each pointer size and byte order. The only
/// real binary of that age here (Debian 11's age, in the oracle tests) was built in GOPATH
/// mode, so its module text is empty; these files are laid out as that toolchain's linker
/// does it: the header points at two string headers in .data, whose pointers lead to .rodata.
/// </summary>
public sealed class GoPointerBuildInfoTests
{
    private const ulong DataAddress = 0x4000;
    private const ulong RodataAddress = 0x8000;

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Version_and_modules_behind_pointers_are_read(bool is64, bool bigEndian)
    {
        var version = "go1.16.15"u8.ToArray();
        var modules = Encoding.UTF8.GetBytes("path\texample.com/tool\nmod\texample.com/tool\tv1.2.3\th1:x=\ndep\tgolang.org/x/sys\tv0.1.0\th1:y=\n");
        byte[] wrapped = [.. new byte[15], (byte)'\n', .. modules, .. new byte[16]];
        byte[] rodata = [.. version, .. wrapped];
        var pointer = is64 ? 8 : 4;
        var writer = new ElfWriter(is64, bigEndian);
        var data = new byte[4 * pointer];
        writer.Word(data, 0, RodataAddress);
        writer.Word(data, pointer, (ulong)version.Length);
        writer.Word(data, 2 * pointer, RodataAddress + (ulong)version.Length);
        writer.Word(data, 3 * pointer, (ulong)wrapped.Length);
        var header = GoBuildInfoWriter.Section("", "", flags: (byte)(bigEndian ? 1 : 0)).AsSpan(0, GoBuildInfo.HeaderSize).ToArray();
        header[14] = (byte)pointer;
        writer.Word(header, 16, DataAddress);
        writer.Word(header, 16 + pointer, DataAddress + (ulong)(2 * pointer));
        var elf = writer
            .Section(".go.buildinfo", header)
            .Section(".data", data, DataAddress)
            .Section(".rodata", rodata, RodataAddress)
            .Build();

        using var stream = new MemoryStream(elf);
        var output = await BinaryCataloguer.ReadAsync(stream, elf.Length, "/opt/tool", CancellationToken.None);

        Assert.Empty(output.Gaps);
        Assert.Equal(
            [("example.com/tool", "v1.2.3"), ("golang.org/x/sys", "v0.1.0"), ("stdlib", "go1.16.15")],
            output.Packages.Select(p => (p.Name, p.Version)).Order());
    }
}
