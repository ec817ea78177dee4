namespace Snapsight.Bench;

/// <summary>The assets with a stored result so far; <see cref="All"/> completes when there are as many as expected.</summary>
internal sealed class StoredResults(int expected)
{
    private readonly HashSet<Guid> assets = [];
    private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task All => all.Task;

    public int Count
    {
        get
        {
            lock (assets)
            {
                return assets.Count;
            }
        }
    }

    public void Add(Guid assetId)
    {
        lock (assets)
        {
            if (assets.Add(assetId) && assets.Count >= expected)
            {
                all.TrySetResult();
            }
        }
    }
}
