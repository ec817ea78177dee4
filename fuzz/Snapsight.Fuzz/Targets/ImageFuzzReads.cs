using Snapsight.Disk.BlockDevices;

namespace Snapsight.Fuzz.Targets;

/// <summary>What the image targets do once an image opened: read a few spots, as a scan would.</summary>
internal static class ImageFuzzReads
{
    public static void Run(ReadOnlySpan<byte> input, Func<IBlockDevice, Task<IBlockDevice>> open)
    {
        using var container = new MemoryBlockDevice(input.ToArray());
        ReadSpotsAsync(container, open).GetAwaiter().GetResult();
    }

    private static async Task ReadSpotsAsync(IBlockDevice container, Func<IBlockDevice, Task<IBlockDevice>> open)
    {
        var device = await open(container).ConfigureAwait(false);
        var buffer = new byte[64 * 1024];
        long[] spots = [0, 4096, 65_536 + 511, device.Length / 2, device.Length - 1, device.Length - buffer.Length];
        foreach (var spot in spots)
        {
            await device.ReadAsync(Math.Max(0, spot), buffer).ConfigureAwait(false);
        }
    }
}
