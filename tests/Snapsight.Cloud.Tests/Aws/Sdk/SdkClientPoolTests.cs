using CsCheck;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// The kept SDK clients: calls within one session share a client, a renewed session always gets a new
/// client made with its own credentials, and no client is disposed while a call uses it, nor kept past
/// the bound, nor left undisposed at the end.
/// </summary>
public sealed class SdkClientPoolTests
{
    private static readonly object RoleSession = new();
    private static readonly object ServiceSession = new();

    [Fact]
    public void Calls_within_a_session_share_a_client_and_a_renewed_session_gets_a_new_one()
    {
        using var pool = new SdkClientPool(capacity: 8);
        var first = Credentials(0);
        var renewed = Credentials(1);

        FakeClient a, b;
        using (var lease = pool.Rent(RoleSession, "eu-west-1", first, FakeClient.Connect))
        {
            a = lease.Client;
        }

        using (var lease = pool.Rent(RoleSession, "eu-west-1", first, FakeClient.Connect))
        {
            Assert.Same(a, lease.Client);
        }

        using (var old = pool.Rent(RoleSession, "eu-west-1", first, FakeClient.Connect))
        {
            using var lease = pool.Rent(RoleSession, "eu-west-1", renewed, FakeClient.Connect);
            b = lease.Client;
            Assert.NotSame(a, b);
            Assert.Equal(renewed, b.Credentials);
            Assert.False(a.Disposed); // still in use by the call that began before the renewal
        }

        Assert.True(a.Disposed);
        Assert.False(b.Disposed);
        Assert.Equal(2, pool.Made);

        // Another region, session or service is another client.
        using (var lease = pool.Rent(RoleSession, "us-east-1", renewed, FakeClient.Connect))
        {
            Assert.NotSame(b, lease.Client);
        }

        using (var lease = pool.Rent(ServiceSession, "eu-west-1", renewed, FakeClient.Connect))
        {
            Assert.NotSame(b, lease.Client);
        }

        using (var lease = pool.Rent(RoleSession, "eu-west-1", renewed, OtherClient.Connect))
        {
            Assert.Equal(renewed, lease.Client.Credentials);
        }

        Assert.Equal(5, pool.Made);
        Assert.Equal(4, pool.Kept);
    }

    [Fact]
    public void Any_mix_of_calls_and_renewals_gets_clients_with_the_asked_credentials_within_the_bound_all_disposed_once_unused()
    {
        // An operation: a call of session s in region r with credentials version v, held open (h) or not, twice in a row (t) or once.
        var operation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1], Gen.Int[0, 3], Gen.Bool, Gen.Bool);
        Gen.Select(Gen.Int[1, 4], operation.Array[1, 60]).Sample((capacity, operations) =>
        {
            var sessions = Enumerable.Range(0, 4).Select(_ => new object()).ToArray();
            var made = new List<FakeClient>();
            var held = new List<SdkClientLease<FakeClient>>();
            var pool = new SdkClientPool(capacity);
            Func<AwsCredentials, FakeClient> connect = c =>
            {
                var client = FakeClient.Connect(c);
                made.Add(client);
                return client;
            };

            foreach (var (s, r, v, hold, twice) in operations)
            {
                var credentials = Credentials((s * 10) + v);
                var region = r == 0 ? "eu-west-1" : "us-east-1";
                var lease = pool.Rent(sessions[s], region, credentials, connect);
                Assert.Equal(credentials, lease.Client.Credentials);
                Assert.False(lease.Client.Disposed);
                if (twice)
                {
                    using var again = pool.Rent(sessions[s], region, credentials, connect);
                    Assert.Same(lease.Client, again.Client);
                }

                if (hold)
                {
                    held.Add(lease);
                }
                else
                {
                    lease.Dispose();
                }

                Assert.InRange(pool.Kept, 1, capacity);
                Assert.All(held, h => Assert.False(h.Client.Disposed));
                Assert.All(made, c => Assert.InRange(c.Disposals, 0, 1));
            }

            Assert.Equal(made.Count, pool.Made);
            pool.Dispose();
            Assert.All(held, h => Assert.False(h.Client.Disposed)); // calls still running keep their clients
            held.ForEach(h => h.Dispose());
            held.ForEach(h => h.Dispose()); // a lease hands its client back once
            Assert.All(made, c => Assert.Equal(1, c.Disposals));
        });
    }

    [Fact]
    public async Task Concurrent_calls_and_renewals_never_see_a_disposed_client_or_another_sessions_credentials()
    {
        var made = new System.Collections.Concurrent.ConcurrentBag<FakeClient>();
        var pool = new SdkClientPool(capacity: 3);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var call = 0; call < 500; call++)
            {
                var credentials = Credentials(random.Next(6));
                using var lease = pool.Rent(random.Next(2) == 0 ? RoleSession : ServiceSession, "eu-west-1", credentials, c =>
                {
                    var client = FakeClient.Connect(c);
                    made.Add(client);
                    return client;
                });
                Assert.Equal(credentials, lease.Client.Credentials);
                await Task.Yield(); // the call, during which other workers renew and evict
                Assert.False(lease.Client.Disposed);
            }
        })));

        Assert.InRange(pool.Kept, 1, 3);
        pool.Dispose();
        Assert.All(made, c => Assert.Equal(1, c.Disposals));
    }

    private static AwsCredentials Credentials(int session) => new($"ASIA{session:D12}", $"secret-{session}", $"token-{session}");

    /// <summary>Stands for an SDK client: the credentials it was made with, and how often it was disposed.</summary>
    private sealed class FakeClient(AwsCredentials credentials) : IDisposable
    {
        private int _disposals;

        public AwsCredentials Credentials { get; } = credentials;

        public int Disposals => Volatile.Read(ref _disposals);

        public bool Disposed => Disposals > 0;

        public static FakeClient Connect(AwsCredentials credentials) => new(credentials);

        public void Dispose() => Interlocked.Increment(ref _disposals);
    }

    /// <summary>Another service's client.</summary>
    private sealed class OtherClient(AwsCredentials credentials) : IDisposable
    {
        public AwsCredentials Credentials { get; } = credentials;

        public static OtherClient Connect(AwsCredentials credentials) => new(credentials);

        public void Dispose()
        {
        }
    }
}
