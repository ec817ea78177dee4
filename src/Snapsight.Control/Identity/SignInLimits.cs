namespace Snapsight.Control.Identity;

/// <summary>
/// How many failed sign-ins a client address and an account name may have before further attempts
/// are refused without hashing. ASVS 2.2.1 allows at most 100 failures an hour on one account; the
/// defaults stay well under it.
/// </summary>
public sealed record SignInLimits
{
    public int ClientFailures { get; init; } = 20;

    public TimeSpan ClientWindow { get; init; } = TimeSpan.FromMinutes(1);

    public int AccountFailures { get; init; } = 10;

    /// <summary>How long an account name stays locked once it reached <see cref="AccountFailures"/>.</summary>
    public TimeSpan AccountLock { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Bounds the memory an attacker can make the throttle use with made-up names and addresses.</summary>
    public int MaxTrackedKeys { get; init; } = 100_000;
}
