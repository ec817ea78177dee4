using Snapsight.Disk.Images.Vhdx;

namespace Snapsight.Fuzz.Targets;

public sealed class VhdxFuzzTarget : IFuzzTarget
{
    public string Name => "vhdx";

    public void Run(ReadOnlySpan<byte> input) =>
        ImageFuzzReads.Run(input, async container => await VhdxBlockDevice.OpenAsync(container).ConfigureAwait(false));
}
