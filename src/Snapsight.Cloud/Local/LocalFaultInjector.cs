namespace Snapsight.Cloud.Local;

/// <summary>Decides, thread-safely, whether each configured <see cref="LocalFault"/> fires on an event.</summary>
internal sealed class LocalFaultInjector
{
    private readonly (LocalFault Fault, int[] Fired)[] _faults;

    public LocalFaultInjector(IEnumerable<LocalFault> faults)
    {
        _faults = faults.Select(fault => (fault, new int[1])).ToArray();
    }

    /// <summary>
    /// True when a fault of <paramref name="kind"/> aimed at one of <paramref name="ids"/> (or at
    /// everything) and, for throttling, at <paramref name="operation"/> still has firings left; uses one.
    /// </summary>
    public bool Fires(LocalFaultKind kind, LocalOperation? operation, params string?[] ids)
    {
        foreach (var (fault, fired) in _faults)
        {
            if (fault.Kind != kind
                || (fault.Operation is { } aimed && aimed != operation)
                || (fault.Target is { } target && !ids.Contains(target, StringComparer.Ordinal)))
            {
                continue;
            }

            if (fault.Times is not { } times)
            {
                return true;
            }

            if (Interlocked.Increment(ref fired[0]) <= times)
            {
                return true;
            }
        }

        return false;
    }
}
