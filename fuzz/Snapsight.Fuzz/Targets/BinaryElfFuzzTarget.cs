using System.Text;
using Snapsight.Inventory.Languages.Binaries;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// An executable as the binary cataloguer reads it: the ELF header, section tables and the Go
/// and cargo auditable sections; then the same bytes as a .go.buildinfo section and as Go's
/// module text, so the fuzzer reaches those parsers without building an ELF file around them.
/// </summary>
public sealed class BinaryElfFuzzTarget : IFuzzTarget
{
    public string Name => "binary-elf";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var stream = new MemoryStream(input.ToArray(), writable: false);
        _ = BinaryCataloguer.ReadAsync(stream, stream.Length, "/fuzz", CancellationToken.None).GetAwaiter().GetResult();
        _ = GoModuleInfo.Parse(Encoding.UTF8.GetString(input));
        _ = GoBuildInfo.Parse(input);
    }
}
