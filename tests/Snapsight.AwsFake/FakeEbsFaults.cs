using System.Collections.Concurrent;

namespace Snapsight.AwsFake;

/// <summary>What the fake does wrong on purpose, settable while it serves.</summary>
public sealed class FakeEbsFaults
{
    private int _throttleNext;
    private int _failNext;

    /// <summary>The next this-many GetSnapshotBlock calls answer RequestThrottledException.</summary>
    public int ThrottleNextGetSnapshotBlock
    {
        get => Volatile.Read(ref _throttleNext);
        set => Volatile.Write(ref _throttleNext, value);
    }

    /// <summary>The next this-many GetSnapshotBlock calls answer 500 InternalServerException.</summary>
    public int FailNextGetSnapshotBlock
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    /// <summary>Blocks whose x-amz-Checksum is wrong (the data is right).</summary>
    public ConcurrentDictionary<long, bool> CorruptChecksums { get; } = new();

    /// <summary>Snapshots every call about answers AccessDeniedException (a key policy that blocks the caller).</summary>
    public ConcurrentDictionary<string, bool> DeniedSnapshots { get; } = new();

    /// <summary>Added before every GetSnapshotBlock answer.</summary>
    public TimeSpan GetSnapshotBlockLatency { get; set; }

    internal bool TakeThrottle() => Take(ref _throttleNext);

    internal bool TakeFailure() => Take(ref _failNext);

    /// <summary>Counts one down unless it is already zero; says whether it did.</summary>
    internal static bool Take(ref int counter)
    {
        int current;
        do
        {
            current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, current - 1, current) != current);

        return true;
    }
}
