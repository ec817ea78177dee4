namespace Snapsight.Control.Identity;

/// <summary>
/// Decides, before any password is hashed, whether a sign-in attempt may go ahead. Three counts of
/// recent failures can refuse it: the client address's (a flood or a spray from one place), the
/// name's from that address (guessing one account: locked for a while), and the name's from
/// everywhere (a distributed attack on one account, held to ASVS's 100 failures an hour). Locking a
/// name from one address leaves its owner free to sign in from theirs. Names are tracked whether or
/// not such a user exists, so a refusal says nothing about existence. State is per process;
/// docs/control/server.md says what a cluster needs.
/// </summary>
public sealed class SignInThrottle
{
    private readonly FailureWindows clients;
    private readonly FailureWindows namesFromClient;
    private readonly FailureWindows names;
    private readonly TimeProvider clock;

    public SignInThrottle(SignInLimits limits, TimeProvider clock)
    {
        clients = new FailureWindows(limits.ClientFailures, limits.ClientWindow, limits.MaxTrackedKeys);
        namesFromClient = new FailureWindows(limits.AccountFailures, limits.AccountLock, limits.MaxTrackedKeys);
        names = new FailureWindows(limits.AccountFailuresFromAnywhere, limits.AccountWindowFromAnywhere, limits.MaxTrackedKeys);
        this.clock = clock;
    }

    /// <summary>How many keys are tracked now; bounded by three times <see cref="SignInLimits.MaxTrackedKeys"/>.</summary>
    internal int TrackedKeys => clients.Count + namesFromClient.Count + names.Count;

    /// <summary>Admits the attempt (counting it as a failure until <see cref="Succeeded"/>), or says how long to wait.</summary>
    public SignInAdmission Begin(string normalizedUsername, string client)
    {
        var now = clock.GetUtcNow();
        var admitted = new List<(FailureWindows Windows, string Key)>(3);
        var lastBeforeLock = false;
        foreach (var (windows, key) in Counts(normalizedUsername, client))
        {
            if (!windows.TryAdmit(key, now, out var wait, out var failures))
            {
                foreach (var (counted, countedKey) in admitted)
                {
                    counted.TakeBack(countedKey);
                }

                return SignInAdmission.Refused(wait);
            }

            admitted.Add((windows, key));
            lastBeforeLock |= failures == windows.Limit;
        }

        return SignInAdmission.Admitted(lastBeforeLock);
    }

    /// <summary>The admitted attempt was right: it was no failure, and the name's counts start again.</summary>
    public void Succeeded(string normalizedUsername, string client)
    {
        clients.TakeBack(client);
        namesFromClient.Clear(PairKey(normalizedUsername, client));
        names.TakeBack(normalizedUsername);
    }

    private (FailureWindows, string)[] Counts(string name, string client) =>
        [(clients, client), (namesFromClient, PairKey(name, client)), (names, name)];

    private static string PairKey(string name, string client) => client + "\n" + name;
}
