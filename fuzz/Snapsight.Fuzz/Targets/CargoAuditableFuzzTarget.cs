using System.IO.Compression;
using Snapsight.Inventory.Languages.Binaries;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// A .dep-v0 section: the bytes as they are (reaching the inflater), then deflated here so the
/// JSON reader sees the fuzzer's bytes too.
/// </summary>
public sealed class CargoAuditableFuzzTarget : IFuzzTarget
{
    public string Name => "cargo-auditable";

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = CargoAuditableData.Parse(input);
        var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(input);
        }

        _ = CargoAuditableData.Parse(deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
    }
}
