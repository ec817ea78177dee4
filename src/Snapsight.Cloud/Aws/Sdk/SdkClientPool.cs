using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// The AWS SDK clients the provider calls with, kept for reuse: one per session (a credential
/// source: a target role's, or the service account's own), region and kind of client, made with
/// the credentials the session had then. A client serves only calls made with those very
/// credentials: once the session is renewed, its next call gets a new client and the old one is
/// dropped, disposed when its last call is done. So no client ever sees its credentials change,
/// which AWSSDK 4.1 mishandled (handed a credentials object whose values changed, it was seen
/// signing with the renewed key but sending the previous session token). At most
/// <paramref name="capacity"/> clients are kept; the least recently used is dropped first.
/// </summary>
internal sealed class SdkClientPool(int capacity) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientKey, PooledClient> _clients = [];
    private long _uses;
    private int _made;
    private bool _disposed;

    /// <summary>Clients made so far, kept or dropped.</summary>
    public int Made => Volatile.Read(ref _made);

    /// <summary>Clients kept for reuse now.</summary>
    public int Kept
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>
    /// The client of <paramref name="session"/> in <paramref name="region"/> made with exactly
    /// <paramref name="credentials"/>, made by <paramref name="connect"/> when there is none; dispose
    /// the lease when the call is done.
    /// </summary>
    public SdkClientLease<TClient> Rent<TClient>(object session, string region, AwsCredentials credentials, Func<AwsCredentials, TClient> connect)
        where TClient : class, IDisposable
    {
        var key = new ClientKey(session, region, typeof(TClient));
        var dropped = new List<IDisposable>();
        PooledClient pooled;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_clients.TryGetValue(key, out var kept) || kept.Credentials != credentials)
            {
                // Made before anything is dropped, so a client that cannot be made leaves the pool as it was.
                pooled = new PooledClient(connect(credentials), credentials);
                _made++;
                if (kept is not null)
                {
                    Drop(kept, dropped);
                }

                _clients[key] = pooled;
                if (_clients.Count > capacity)
                {
                    var oldest = _clients.Where(c => c.Value != pooled).MinBy(c => c.Value.LastUse);
                    _clients.Remove(oldest.Key);
                    Drop(oldest.Value, dropped);
                }
            }
            else
            {
                pooled = kept;
            }

            pooled.Users++;
            pooled.LastUse = ++_uses;
        }

        DisposeAll(dropped);
        return new SdkClientLease<TClient>((TClient)pooled.Client, () => Release(pooled));
    }

    /// <summary>Drops every client; one still in use is disposed when its call is done.</summary>
    public void Dispose()
    {
        var dropped = new List<IDisposable>();
        lock (_gate)
        {
            _disposed = true;
            foreach (var pooled in _clients.Values)
            {
                Drop(pooled, dropped);
            }

            _clients.Clear();
        }

        DisposeAll(dropped);
    }

    private void Release(PooledClient pooled)
    {
        lock (_gate)
        {
            if (--pooled.Users > 0 || !pooled.Dropped)
            {
                return;
            }
        }

        pooled.Client.Dispose();
    }

    /// <summary>Marks a client no longer handed out, to dispose now if no call is using it.</summary>
    private static void Drop(PooledClient pooled, List<IDisposable> dispose)
    {
        pooled.Dropped = true;
        if (pooled.Users == 0)
        {
            dispose.Add(pooled.Client);
        }
    }

    private static void DisposeAll(List<IDisposable> clients)
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>Sessions are told apart by identity: each credential source is one role session (or the service account's own).</summary>
    private readonly record struct ClientKey(object Session, string Region, Type Client);

    /// <summary>A client and what the pool knows of it; changed under the pool's lock only.</summary>
    private sealed class PooledClient(IDisposable client, AwsCredentials credentials)
    {
        public IDisposable Client { get; } = client;

        public AwsCredentials Credentials { get; } = credentials;

        public int Users { get; set; }

        public long LastUse { get; set; }

        public bool Dropped { get; set; }
    }
}
