using Snapsight.Disk.Images.Qcow2;

namespace Snapsight.Fuzz.Targets;

public sealed class Qcow2FuzzTarget : IFuzzTarget
{
    public string Name => "qcow2";

    public void Run(ReadOnlySpan<byte> input) =>
        ImageFuzzReads.Run(input, async container => await Qcow2BlockDevice.OpenAsync(container).ConfigureAwait(false));
}
