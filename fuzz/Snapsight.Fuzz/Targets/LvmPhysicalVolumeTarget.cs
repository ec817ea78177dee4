using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Lvm;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// The input is one physical volume: label, PV header, metadata area and text, then every
/// LV it describes is read in full (so the segment mapping is exercised too).
/// </summary>
public sealed class LvmPhysicalVolumeTarget : IFuzzTarget
{
    public string Name => "lvm-pv";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var pv = new MemoryBlockDevice(input.ToArray());
        foreach (var volume in LvmReader.ScanAsync([pv]).GetAwaiter().GetResult().Volumes)
        {
            if (volume.Device is { } device)
            {
                var buffer = new byte[Math.Min(device.Length, 1 << 20)];
                device.ReadAsync(0, buffer).AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
