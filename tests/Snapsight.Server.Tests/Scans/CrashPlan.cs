namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// When a simulated process dies: right after its <see cref="CrashAfter"/>-th event (a cloud call or
/// a result hand-over) completes, before the engine can save what it did. From then on every event
/// fails too, as nothing runs in a dead process.
/// </summary>
public sealed class CrashPlan(int crashAfter)
{
    private int _events;

    public int CrashAfter { get; } = crashAfter;

    public bool Crashed { get; private set; }

    /// <summary>Before an event: a dead process does nothing.</summary>
    public void Before()
    {
        if (Crashed)
        {
            throw new SimulatedCrashException();
        }
    }

    /// <summary>After an event: the process dies when its time has come.</summary>
    public void After()
    {
        if (Interlocked.Increment(ref _events) >= CrashAfter)
        {
            Crashed = true;
            throw new SimulatedCrashException();
        }
    }
}
