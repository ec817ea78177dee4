namespace Snapsight.Control.Identity;

/// <summary>
/// How many failed sign-ins a client address, an account name from one address, and an account name
/// from everywhere may have before further attempts are refused without hashing.
/// </summary>
public sealed record SignInLimits
{
    public int ClientFailures { get; init; } = 20;

    public TimeSpan ClientWindow { get; init; } = TimeSpan.FromMinutes(1);

    public int AccountFailures { get; init; } = 10;

    /// <summary>How long a name stays locked, from the address that reached <see cref="AccountFailures"/>.</summary>
    public TimeSpan AccountLock { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures on one name from all addresses together before it is locked everywhere (ASVS 2.2.1: at most 100 an hour).</summary>
    public int AccountFailuresFromAnywhere { get; init; } = 100;

    public TimeSpan AccountWindowFromAnywhere { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Bounds the memory an attacker can make the throttle use with made-up names and addresses.</summary>
    public int MaxTrackedKeys { get; init; } = 100_000;
}
