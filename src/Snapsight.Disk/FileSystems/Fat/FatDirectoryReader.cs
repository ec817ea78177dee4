using System.Runtime.CompilerServices;
using Snapsight.Disk.BlockDevices;
using L = Snapsight.Disk.FileSystems.Fat.FatDirectoryEntryLayout;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>One live short entry of a directory, with the name it is known by.</summary>
internal readonly record struct FatDirectoryItem(long EntryOffset, FatDirectoryRecord Record, string Name);

/// <summary>
/// Reads a directory one cluster at a time, in on-disk order, stopping at the end-of-directory
/// mark, so that a lookup near the start never reads the rest. Deleted entries, long-name parts
/// and "."/".." are consumed here; volume-label entries are passed on for the root's label.
/// </summary>
internal sealed class FatDirectoryReader(IBlockDevice device, FatGeometry geometry, FatTable fat)
{
    /// <summary>Section 6's limit of 65,536 entries, as clusters: a longer chain is corrupt, however long it claims to be.</summary>
    private long MaxDirectoryClusters =>
        Math.Max(1, (long)L.MaxEntriesPerDirectory * L.Size / geometry.ClusterSize);

    /// <summary>Cluster 0 means the fixed FAT12/16 root region; anything else is a cluster chain.</summary>
    public async IAsyncEnumerable<FatDirectoryItem> ReadAsync(uint firstCluster, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new FatLongNameAssembler();
        await foreach (var (offset, block) in BlocksAsync(firstCluster, cancellationToken).ConfigureAwait(false))
        {
            for (var at = 0; at + L.Size <= block.Length; at += L.Size)
            {
                var slot = block.AsMemory(at, L.Size);
                var first = slot.Span[L.DIR_Name];
                if (first == L.EndOfDirectory)
                {
                    yield break;
                }

                if (first == L.Deleted)
                {
                    names.Reset();
                    continue;
                }

                var record = FatDirectoryRecord.Parse(slot.Span, geometry.Variant);
                if (record.IsLongName)
                {
                    names.Accept(slot.Span);
                    continue;
                }

                var longName = names.Complete(record.ShortNameChecksum);
                if (!record.IsDotEntry)
                {
                    yield return new FatDirectoryItem(offset + at, record, longName ?? record.ShortName);
                }
            }
        }
    }

    /// <summary>The directory's bytes, one cluster (or, for the fixed root, one piece) at a time; the buffer is reused.</summary>
    private async IAsyncEnumerable<(long Offset, byte[] Block)> BlocksAsync(uint firstCluster, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var block = new byte[geometry.ClusterSize];
        if (firstCluster == 0 && geometry.Variant != FatVariant.Fat32)
        {
            for (var done = 0; done < geometry.RootDirectoryLength; done += block.Length)
            {
                var length = Math.Min(block.Length, geometry.RootDirectoryLength - done);
                var piece = length == block.Length ? block : new byte[length];
                var offset = geometry.RootDirectoryOffset + done;
                await device.ReadExactlyAsync(offset, piece, "vfat", "fat.root_directory", cancellationToken).ConfigureAwait(false);
                yield return (offset, piece);
            }

            yield break;
        }

        var owner = $"the directory at cluster {firstCluster} (at most {L.MaxEntriesPerDirectory} entries)";
        await foreach (var cluster in FatClusterChain.WalkAsync(fat, geometry, firstCluster, MaxDirectoryClusters, owner, cancellationToken).ConfigureAwait(false))
        {
            var offset = geometry.ClusterOffset(cluster);
            await device.ReadExactlyAsync(offset, block, "vfat", "fat.directory", cancellationToken).ConfigureAwait(false);
            yield return (offset, block);
        }
    }
}
