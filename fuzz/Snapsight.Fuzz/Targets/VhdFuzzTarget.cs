using Snapsight.Disk.Images.Vhd;

namespace Snapsight.Fuzz.Targets;

public sealed class VhdFuzzTarget : IFuzzTarget
{
    public string Name => "vhd";

    public void Run(ReadOnlySpan<byte> input) =>
        ImageFuzzReads.Run(input, async container => (await VhdImage.OpenAsync(container).ConfigureAwait(false)).Device);
}
