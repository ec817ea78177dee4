using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Collections;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// Reads bytes of a non-resident attribute through its runs: each piece is mapped from VCN to
/// LCN and read positionally; sparse runs read as zeros. Only what is asked is read.
/// </summary>
internal static class NtfsAttributeReader
{
    public static async ValueTask ReadAsync(IBlockDevice device, int clusterSize, IReadOnlyList<NtfsRun> runs, long offset, Memory<byte> buffer,
        string structure, CancellationToken cancellationToken)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var position = offset + done;
            var run = RunHolding(runs, position / clusterSize)
                ?? throw NtfsError.At(structure, position, $"byte {position} of the attribute (VCN {position / clusterSize}) is not mapped by its runs");
            var inRun = position - (run.Vcn * clusterSize);
            var count = (int)Math.Min(buffer.Length - done, (run.Length * clusterSize) - inRun);
            var piece = buffer.Slice(done, count);
            if (run.Lcn is { } lcn)
            {
                await device.ReadExactlyAsync((lcn * clusterSize) + inRun, piece, NtfsError.Layer, structure, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                piece.Span.Clear();
            }

            done += count;
        }
    }

    /// <summary>Where byte <paramref name="position"/> of the attribute lies on the device (-1 when unmapped or sparse), for error messages.</summary>
    public static long DeviceOffsetOf(IReadOnlyList<NtfsRun> runs, int clusterSize, long position) =>
        RunHolding(runs, position / clusterSize) is { Lcn: { } lcn } run ? (lcn * clusterSize) + position - (run.Vcn * clusterSize) : -1;

    private static NtfsRun? RunHolding(IReadOnlyList<NtfsRun> runs, long vcn)
    {
        if (runs.Count == 0)
        {
            return null;
        }

        var run = runs[SortedSearch.LastStartingAtOrBefore(runs, vcn, r => r.Vcn)];
        return vcn >= run.Vcn && vcn < run.Vcn + run.Length ? run : null;
    }
}
