using System.Collections.Concurrent;

namespace Snapsight.AwsFake.Cloud;

/// <summary>What the fake cloud does wrong on purpose, settable while it serves. Counts are of requests or snapshots.</summary>
public sealed class FakeAwsFaults
{
    private int _throttleCreate;
    private int _failEc2;
    private int _creationFailures;
    private int _stuckPending;

    /// <summary>The next this-many CreateSnapshots requests answer RequestLimitExceeded (503).</summary>
    public int ThrottleNextCreateSnapshots { get => Volatile.Read(ref _throttleCreate); set => Volatile.Write(ref _throttleCreate, value); }

    /// <summary>The next this-many EC2 requests of any action answer InternalError (500).</summary>
    public int FailNextEc2Requests { get => Volatile.Read(ref _failEc2); set => Volatile.Write(ref _failEc2, value); }

    /// <summary>The next this-many snapshots created end in the error state.</summary>
    public int CreationFailures { get => Volatile.Read(ref _creationFailures); set => Volatile.Write(ref _creationFailures, value); }

    /// <summary>The next this-many snapshots created stay pending for ever.</summary>
    public int StuckPending { get => Volatile.Read(ref _stuckPending); set => Volatile.Write(ref _stuckPending, value); }

    /// <summary>Every page answers the NextToken it was asked with, as a broken service would: a client that trusts it pages for ever.</summary>
    public bool RepeatNextToken { get; set; }

    /// <summary>KMS keys whose policy does not let the target role decrypt: EBS reads of their snapshots are refused.</summary>
    public ConcurrentDictionary<string, bool> KeysRefusingDecrypt { get; } = new(StringComparer.Ordinal);

    internal bool TakeThrottleCreate() => FakeEbsFaults.Take(ref _throttleCreate);

    internal bool TakeEc2Failure() => FakeEbsFaults.Take(ref _failEc2);

    internal bool TakeCreationFailure() => FakeEbsFaults.Take(ref _creationFailures);

    internal bool TakeStuckPending() => FakeEbsFaults.Take(ref _stuckPending);
}
