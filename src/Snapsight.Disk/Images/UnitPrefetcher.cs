namespace Snapsight.Disk.Images;

/// <summary>
/// Turns <see cref="BlockDevices.IBlockDevice.Prefetch"/> hints into compressed units inflated ahead of the reader, on at
/// most one thread-pool worker, so a walk's own work overlaps the inflation of what it reads next. Hints are kept newest
/// first, as a depth-first walk consumes them (the directory pushed last is listed first); each hint names at most
/// <see cref="MaxHintBytes"/> of units (at least one) and at most <see cref="MaxPendingBytes"/> wait, the oldest dropped
/// first, so hints cost bounded work and memory however many arrive, and what waits is a quarter of the inflated-unit cache
/// at most, so warmed units are not evicted before they are read. A failed warm-up is only a lost hint: the demand read
/// reports the error.
/// </summary>
internal sealed class UnitPrefetcher : IDisposable
{
    public const long MaxHintBytes = 512 * 1024;
    public const long MaxPendingBytes = 2 * 1024 * 1024;

    private readonly Func<long, CancellationToken, ValueTask> _warmUnit;
    private readonly long _unitBytes;
    private readonly long _deviceLength;
    private readonly int _maxUnitsPerHint;
    private readonly int _maxPendingUnits;
    private readonly Lock _gate = new();
    private readonly LinkedList<long> _pending = new(); // unit indexes, newest last
    private readonly Dictionary<long, LinkedListNode<long>> _pendingNodes = []; // a hint re-queues a waiting unit in O(1)
    private readonly CancellationTokenSource _lifetime = new();
    private bool _working;
    private bool _disposed;

    /// <param name="warmUnit">Brings the unit starting at the given virtual offset into the inflated-unit cache.</param>
    public UnitPrefetcher(Func<long, CancellationToken, ValueTask> warmUnit, long unitBytes, long deviceLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitBytes);
        _warmUnit = warmUnit;
        _unitBytes = unitBytes;
        _deviceLength = deviceLength;
        _maxUnitsPerHint = (int)Math.Max(1, MaxHintBytes / unitBytes);
        _maxPendingUnits = (int)Math.Max(1, MaxPendingBytes / unitBytes);
    }

    /// <summary>Units waiting to be warmed (for tests).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Whether a worker is running (for tests, which wait for it to stop).</summary>
    public bool Working
    {
        get
        {
            lock (_gate)
            {
                return _working;
            }
        }
    }

    /// <summary>Queues the units under the range (those in its first <see cref="MaxHintBytes"/>) and returns at once.</summary>
    public void Hint(long offset, long length)
    {
        if (offset < 0 || offset >= _deviceLength || length <= 0)
        {
            return;
        }

        var first = offset / _unitBytes;
        var last = Math.Min((Math.Min(length, _deviceLength - offset) + offset - 1) / _unitBytes, first + _maxUnitsPerHint - 1);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Last unit first, so the range's first unit ends on top and is warmed first.
            for (var unit = last; unit >= first; unit--)
            {
                if (_pendingNodes.Remove(unit, out var waiting))
                {
                    _pending.Remove(waiting);
                }

                _pendingNodes[unit] = _pending.AddLast(unit);
            }

            while (_pending.Count > _maxPendingUnits)
            {
                _pendingNodes.Remove(_pending.First!.Value);
                _pending.RemoveFirst();
            }

            if (_working)
            {
                return;
            }

            _working = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static prefetcher => _ = prefetcher.WorkAsync(), this, preferLocal: false);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _pending.Clear();
            _pendingNodes.Clear();
        }

        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            long unit;
            CancellationToken token;
            lock (_gate)
            {
                if (_pending.Count == 0 || _disposed)
                {
                    _working = false;
                    return;
                }

                unit = _pending.Last!.Value;
                _pending.RemoveLast();
                _pendingNodes.Remove(unit);
                token = _lifetime.Token;
            }

            try
            {
                await _warmUnit(unit * _unitBytes, token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Whatever it was, only a lost hint: a demand read of the unit meets the same error and reports it. Letting it
                // escape would end this worker with _working still set, and no hint would be followed again.
            }
        }
    }
}
