namespace Snapsight.Disk.BlockDevices;

public static class BlockDeviceExtensions
{
    /// <summary>
    /// Reads exactly <c>buffer.Length</c> bytes or throws a <see cref="DiskFormatException"/>
    /// naming the structure that was cut short by the end of the device.
    /// </summary>
    public static async ValueTask ReadExactlyAsync(
        this IBlockDevice device, long offset, Memory<byte> buffer, string layer, string structure,
        CancellationToken cancellationToken = default)
    {
        if (offset < 0 || offset > device.Length || buffer.Length > device.Length - offset)
        {
            throw new DiskFormatException(layer, structure, offset,
                $"{buffer.Length} bytes at offset {offset} lie past the end of the {device.Length}-byte device");
        }

        var done = 0;
        while (done < buffer.Length)
        {
            var n = await device.ReadAsync(offset + done, buffer[done..], cancellationToken).ConfigureAwait(false);
            if (n <= 0)
            {
                throw new DiskFormatException(layer, structure, offset + done, "the device ended early");
            }

            done += n;
        }
    }

    /// <summary>Reads a whole structure into a new array (callers bound <paramref name="length"/> first).</summary>
    public static async ValueTask<byte[]> ReadBytesAsync(
        this IBlockDevice device, long offset, int length, string layer, string structure,
        CancellationToken cancellationToken = default)
    {
        var bytes = new byte[length];
        await device.ReadExactlyAsync(offset, bytes, layer, structure, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>Clamps a read to the device's end; returns the usable length (0 at or past the end).</summary>
    public static int ClampToLength(this IBlockDevice device, long offset, int requested) =>
        offset >= device.Length || offset < 0 ? 0 : (int)Math.Min(requested, device.Length - offset);
}
