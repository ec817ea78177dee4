using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>
/// The local block cache of incremental rescans: a directory holding, per volume, the blocks its
/// scans read, keyed by volume, snapshot and block index (<c>vol-…/snap-…/INDEX.blk</c>, each an
/// <see cref="EbsCacheEntry"/>), and the volume's manifest. Its size is bounded by
/// <see cref="EbsBlockStoreOptions.MaxBytes"/>: past it the least recently used entries are
/// deleted. Every entry is verified when read back; one that fails is deleted and reported as
/// rejected, so the caller fetches the block instead. Thread-safe within one process; one process
/// owns a directory.
/// </summary>
public sealed partial class EbsBlockStore
{
    private const string EntryExtension = ".blk";

    private readonly Lock _gate = new();
    private readonly LinkedList<string> _recency = new();
    private readonly Dictionary<string, LinkedListNode<string>> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    private EbsBlockStore(EbsBlockStoreOptions options) => Options = options;

    public EbsBlockStoreOptions Options { get; }

    /// <summary>Bytes of cached blocks on disk.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Opens (or creates) the cache directory and indexes what it holds, oldest first; anything else found there is deleted.</summary>
    public static EbsBlockStore Open(EbsBlockStoreOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, EbsCacheEntry.Size);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeptSnapshots, 1);
        var store = new EbsBlockStore(options);
        Directory.CreateDirectory(options.Directory);
        var found = new List<(DateTime Written, string Key)>();
        foreach (var volume in new DirectoryInfo(options.Directory).EnumerateDirectories())
        {
            if (!EbsLimits.IsVolumeId(volume.Name))
            {
                continue;
            }

            foreach (var snapshot in volume.EnumerateDirectories())
            {
                foreach (var file in snapshot.EnumerateFiles())
                {
                    if (EbsLimits.IsSnapshotId(snapshot.Name) && IndexOf(file.Name) is { } index)
                    {
                        found.Add((file.LastWriteTimeUtc, Key(volume.Name, snapshot.Name, index)));
                    }
                    else
                    {
                        // Left over from a write cut short, or not ours.
                        file.Delete();
                    }
                }
            }
        }

        foreach (var (_, key) in found.OrderBy(f => f.Written))
        {
            store.Index(key);
        }

        store.Evict();
        return store;
    }

    /// <summary>The cache of one volume, with what its manifest says of its last scan.</summary>
    public EbsVolumeCache Volume(string volumeId)
    {
        if (!EbsLimits.IsVolumeId(volumeId))
        {
            throw new ArgumentException($"'{volumeId}' is not a volume id (vol- and 8 or 17 hex digits)", nameof(volumeId));
        }

        return new EbsVolumeCache(this, volumeId, Path.Combine(Options.Directory, volumeId));
    }

    /// <summary>Reads block <paramref name="index"/> of the snapshot into <paramref name="destination"/>, verified.</summary>
    internal async Task<EbsCacheLookup> TryReadAsync(string volumeId, string snapshotId, long index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var key = Key(volumeId, snapshotId, index);
        if (!Touch(key))
        {
            return EbsCacheLookup.Missing;
        }

        var header = new byte[EbsCacheEntry.HeaderSize];
        bool intact;
        try
        {
            using var file = File.OpenHandle(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
            intact = RandomAccess.GetLength(file) == EbsCacheEntry.Size
                && await ReadAsync(file, header, 0, cancellationToken).ConfigureAwait(false) == header.Length
                && await ReadAsync(file, destination, EbsCacheEntry.HeaderSize, cancellationToken).ConfigureAwait(false) == destination.Length
                && EbsCacheEntry.Holds(header, destination.Span, index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone (or unreadable) since it was indexed: fetched like any block not cached.
            Forget(key);
            return EbsCacheLookup.Missing;
        }

        if (intact)
        {
            return EbsCacheLookup.Hit;
        }

        Remove(key);
        return EbsCacheLookup.Rejected;
    }

    /// <summary>Caches <paramref name="data"/> as block <paramref name="index"/> of the snapshot, written whole under a temporary name first.</summary>
    internal async Task WriteAsync(string volumeId, string snapshotId, long index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var key = Key(volumeId, snapshotId, index);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous, EbsCacheEntry.Size))
            {
                await RandomAccess.WriteAsync(file, EbsCacheEntry.Header(index, data.Span), 0, cancellationToken).ConfigureAwait(false);
                await RandomAccess.WriteAsync(file, data, EbsCacheEntry.HeaderSize, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // Cancelled (a read-ahead at the end of a scan) or failed: no half entry stays behind.
            File.Delete(temporary);
            throw;
        }

        Index(key);
        Evict();
    }

    /// <summary>
    /// Copies block <paramref name="index"/> from one snapshot's entries to another's (the block is the
    /// same in both). A copy, not a move: until the new snapshot's scan is committed, the last scanned
    /// one's entries must stay whole, or a scan that fails would spoil the cache the next one reads from.
    /// </summary>
    internal bool Adopt(string volumeId, string fromSnapshotId, string toSnapshotId, long index)
    {
        var from = Key(volumeId, fromSnapshotId, index);
        var to = Key(volumeId, toSnapshotId, index);
        var temporary = PathOf(to) + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathOf(to))!);
            File.Copy(PathOf(from), temporary);
            File.Move(temporary, PathOf(to), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or the disk is full: the block is served all the same, only not cached under the new snapshot.
            File.Delete(temporary);
            return false;
        }

        Index(to);
        Evict();
        return true;
    }

    /// <summary>Deletes the entries of every snapshot of the volume but <paramref name="keptSnapshotId"/>.</summary>
    internal void DropAllBut(string volumeId, string keptSnapshotId)
    {
        var volume = Path.Combine(Options.Directory, volumeId);
        if (!Directory.Exists(volume))
        {
            return;
        }

        foreach (var snapshot in new DirectoryInfo(volume).EnumerateDirectories().Where(d => d.Name != keptSnapshotId))
        {
            var prefix = volumeId + "/" + snapshot.Name + "/";
            lock (_gate)
            {
                foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
                {
                    ForgetLocked(key);
                }
            }

            snapshot.Delete(recursive: true);
        }
    }

    private static async Task<int> ReadAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        var done = 0;
        int n;
        while (done < buffer.Length && (n = await RandomAccess.ReadAsync(file, buffer[done..], offset + done, cancellationToken).ConfigureAwait(false)) > 0)
        {
            done += n;
        }

        return done;
    }

    private static string Key(string volumeId, string snapshotId, long index) =>
        $"{volumeId}/{snapshotId}/{index.ToString(CultureInfo.InvariantCulture)}";

    private string PathOf(string key) => Path.Combine(Options.Directory, key + EntryExtension);

    private static long? IndexOf(string fileName) =>
        fileName.EndsWith(EntryExtension, StringComparison.Ordinal)
        && long.TryParse(fileName.AsSpan(0, fileName.Length - EntryExtension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index.ToString(CultureInfo.InvariantCulture) + EntryExtension == fileName
            ? index
            : null;
}
