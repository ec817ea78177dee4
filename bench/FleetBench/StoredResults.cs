namespace Snapsight.Bench;

/// <summary>
/// The assets with a stored result so far. <see cref="All"/> completes when there are as many as expected;
/// <see cref="First"/> when there are <c>first</c>, with what <c>snapshot</c> read at that moment (the bench's CPU
/// counters), so the rest of the run can be measured apart from the start's one-off costs.
/// </summary>
internal sealed class StoredResults<T>(int expected, int first, Func<T> snapshot)
{
    private readonly HashSet<Guid> assets = [];
    private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<T> firstDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task All => all.Task;

    public Task<T> First => firstDone.Task;

    public void Add(Guid assetId)
    {
        lock (assets)
        {
            if (!assets.Add(assetId))
            {
                return;
            }

            if (assets.Count == first)
            {
                firstDone.TrySetResult(snapshot());
            }

            if (assets.Count >= expected)
            {
                all.TrySetResult();
            }
        }
    }
}
