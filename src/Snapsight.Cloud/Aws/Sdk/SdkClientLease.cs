namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>A client of <see cref="SdkClientPool"/> for one call; disposing the lease hands it back (once, however often disposed).</summary>
internal sealed class SdkClientLease<TClient>(TClient client, Action release) : IDisposable
    where TClient : class, IDisposable
{
    private int _released;

    public TClient Client { get; } = client;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
