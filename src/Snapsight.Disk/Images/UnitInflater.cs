using System.Buffers;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Images;

/// <summary>
/// Inflates one compressed unit (a qcow2 cluster, a VMDK grain). Output is capped at the unit
/// size, so a decompression bomb costs at most one unit of memory and is rejected as soon as it
/// would produce one byte more; it must cover at least the unit's bytes inside the virtual disk
/// (<c>requiredLength</c>: the last unit may be cut by the disk's end), the rest reads as zeros.
/// </summary>
internal static class UnitInflater
{
    public static async ValueTask<byte[]> InflateAsync(
        IBlockDevice container, long offset, int compressedLength, int unitLength, int requiredLength, bool zlibWrapped,
        string layer, string structure, CancellationToken cancellationToken)
    {
        // The compressed bytes live only for this call, and every byte of the unit is written below (inflated, or cleared past
        // the stream's end): a rented buffer and an unzeroed unit spare the collector most of what a walk through a compressed
        // image allocates, which counts once a worker inflates beside the walk (docs/performance.md).
        var compressed = ArrayPool<byte>.Shared.Rent(compressedLength);
        var unit = GC.AllocateUninitializedArray<byte>(unitLength);
        try
        {
            await container.ReadExactlyAsync(offset, compressed.AsMemory(0, compressedLength), layer, structure, cancellationToken)
                .ConfigureAwait(false);
            var result = Libdeflate.Inflate(compressed.AsSpan(0, compressedLength), unit, zlibWrapped, out var done);
            switch (result)
            {
                case Libdeflate.Result.InsufficientSpace:
                    throw new DiskFormatException(layer, structure, offset,
                        $"{compressedLength} compressed bytes inflate to more than the unit size {unitLength}");
                case not Libdeflate.Result.Success:
                    throw new DiskFormatException(layer, structure, offset, "corrupt or truncated deflate stream");
            }

            // A stream shorter than the unit leaves the rest of it as it was allocated: the zeros promised beyond the stream's end are written here.
            unit.AsSpan(done).Clear();
            if (done < requiredLength)
            {
                throw new DiskFormatException(layer, structure, offset,
                    $"{compressedLength} compressed bytes inflate to {done} bytes, short of the {requiredLength} the unit needs");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }

        return unit;
    }
}
