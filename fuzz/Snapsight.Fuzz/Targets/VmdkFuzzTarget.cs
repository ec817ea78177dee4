using Snapsight.Disk.Images.Vmdk;

namespace Snapsight.Fuzz.Targets;

/// <summary>Hosted sparse VMDK: monolithicSparse and streamOptimized (with its footer and grain markers).</summary>
public sealed class VmdkFuzzTarget : IFuzzTarget
{
    public string Name => "vmdk";

    public void Run(ReadOnlySpan<byte> input) =>
        ImageFuzzReads.Run(input, async container => await VmdkSparseBlockDevice.OpenAsync(container).ConfigureAwait(false));
}
