namespace Snapsight.Control.Discovery;

/// <summary>
/// Asks the background discovery for a round now rather than at its next check: a target account just registered is then
/// polled at once (its first poll is due by definition), so its instances appear, and zero-touch scans them, in seconds
/// instead of up to a check interval later. Requests while nothing waits are kept until the next wait, and any number of
/// them before a round begins make one round.
/// </summary>
public sealed class DiscoveryWakeUp
{
    private TaskCompletionSource _requested = NewRequest();

    /// <summary>Completes at the first request made after this was read.</summary>
    public Task NextRequest => Volatile.Read(ref _requested).Task;

    public void Request() => Interlocked.Exchange(ref _requested, NewRequest()).TrySetResult();

    private static TaskCompletionSource NewRequest() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
