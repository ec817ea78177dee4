namespace Snapsight.Disk.BlockDevices;

/// <summary>
/// A thread-safe least-recently-used cache of byte arrays bounded by their total size. Loads of
/// the same missing key are shared: concurrent callers await one load, so one underlying read is
/// issued. Used for decoded metadata tables (qcow2 L2, VMDK grain tables, VHD/VHDX BAT pages),
/// decompressed clusters and the <see cref="BlockCache"/>.
/// </summary>
internal sealed class AsyncLruCache<TKey>
    where TKey : notnull
{
    // A load cancelled by the caller that started it is retried by the other waiters, a bounded number of times.
    private const int MaxSharedLoadRetries = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = []; // most recently used first
    private long _size;

    public AsyncLruCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    /// <summary>Bytes held by cached (or loading) entries.</summary>
    public long SizeBytes
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is cached or being loaded.</summary>
    public bool Contains(TKey key)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(key);
        }
    }

    /// <summary>
    /// Returns the cached value of <paramref name="key"/>, or loads it with <paramref name="load"/>
    /// (whose result must be <paramref name="size"/> bytes or fewer). A failed load is not cached.
    /// </summary>
    public async ValueTask<byte[]> GetOrLoadAsync(
        TKey key, int size, Func<TKey, CancellationToken, Task<byte[]>> load, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            Task<byte[]> task;
            TaskCompletionSource<byte[]>? owned = null;
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    task = node.Value.Value;
                }
                else
                {
                    owned = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                    task = owned.Task;
                    var added = _recency.AddFirst(new Entry(key, size, task));
                    _entries.Add(key, added);
                    _size += size;
                    EvictOverCapacity();
                }
            }

            if (owned is not null)
            {
                await LoadAsync(key, load, owned, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return task.IsCompletedSuccessfully ? task.Result : await task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (owned is null && !cancellationToken.IsCancellationRequested && attempt < MaxSharedLoadRetries)
            {
                // Another caller's cancellation ended the shared load; load again for ourselves.
            }
        }
    }

    private async Task LoadAsync(
        TKey key, Func<TKey, CancellationToken, Task<byte[]>> load, TaskCompletionSource<byte[]> completion,
        CancellationToken cancellationToken)
    {
        try
        {
            completion.SetResult(await load(key, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException e)
        {
            Forget(key, completion.Task);
            completion.SetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            Forget(key, completion.Task);
            completion.SetException(e);
        }
    }

    private void Forget(TKey key, Task<byte[]> task)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Value == task)
            {
                _entries.Remove(key);
                _recency.Remove(node);
                _size -= node.Value.Size;
            }
        }
    }

    private void EvictOverCapacity()
    {
        // The newest entry (first) stays even when it alone exceeds the capacity: its caller needs it.
        while (_size > CapacityBytes && _recency.Count > 1)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            _size -= oldest.Value.Size;
        }
    }

    private sealed record Entry(TKey Key, int Size, Task<byte[]> Value);
}
