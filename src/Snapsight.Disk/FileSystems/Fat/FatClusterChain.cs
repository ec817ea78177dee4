using System.Collections;
using System.Runtime.CompilerServices;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// Walks a cluster chain with the two guards a hostile FAT needs: a cap on its length chosen by
/// the caller, and loop detection, so that every step provably moves to a cluster not seen before.
/// </summary>
internal static class FatClusterChain
{
    /// <summary>
    /// Yields the clusters of the chain starting at <paramref name="first"/>, at most
    /// <paramref name="maxClusters"/> of them: a chain that goes on past that throws, naming
    /// <paramref name="owner"/>. Callers that need fewer clusters stop early, and then the FAT
    /// beyond is never read.
    /// </summary>
    public static async IAsyncEnumerable<uint> WalkAsync(
        FatTable fat, FatGeometry geometry, uint first, long maxClusters, string owner,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!geometry.IsValidCluster(first))
        {
            throw new DiskFormatException("vfat", "fat.chain", geometry.FatOffset,
                $"{owner} starts at cluster {first}, outside clusters 2..{geometry.MaxCluster}");
        }

        var seen = new VisitedClusters(first, geometry.MaxCluster);
        var cluster = first;
        for (long count = 1; ; count++)
        {
            yield return cluster;
            var next = await fat.NextAsync(cluster, cancellationToken).ConfigureAwait(false);
            if (next is not { } following)
            {
                yield break;
            }

            if (count >= maxClusters)
            {
                throw new DiskFormatException("vfat", "fat.chain", geometry.FatOffset,
                    $"{owner} has more than {maxClusters} clusters (chain from cluster {first})");
            }

            if (!seen.Add(following))
            {
                throw new DiskFormatException("vfat", "fat.chain", geometry.FatOffset,
                    $"{owner} loops: cluster {cluster} leads back to cluster {following} (chain from cluster {first})");
            }

            cluster = following;
        }
    }

    /// <summary>
    /// Most chains are one contiguous run, which a range remembers for free; only a chain that
    /// jumps gets a bitmap, sized by the volume's cluster count (so by the device).
    /// </summary>
    private sealed class VisitedClusters(uint first, uint maxCluster)
    {
        private readonly uint _first = first;
        private uint _last = first;
        private BitArray? _bits;

        public bool Add(uint cluster)
        {
            if (_bits is null)
            {
                if (cluster == _last + 1)
                {
                    _last = cluster;
                    return true;
                }

                _bits = new BitArray(checked((int)maxCluster + 1));
                for (var c = _first; c <= _last; c++)
                {
                    _bits[(int)c] = true;
                }
            }

            if (_bits[(int)cluster])
            {
                return false;
            }

            _bits[(int)cluster] = true;
            return true;
        }
    }
}
