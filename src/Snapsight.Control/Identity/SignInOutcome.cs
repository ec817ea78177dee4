namespace Snapsight.Control.Identity;

/// <summary>What a sign-in attempt came to. Wrong name and wrong password are the same outcome.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    /// <summary>Signed in: the access token for the API, and whom it names, for the console's cookie.</summary>
    public sealed record Signed(string AccessToken, Guid UserId, Guid SubscriptionId) : SignInOutcome;

    public sealed record Invalid : SignInOutcome;

    public sealed record Throttled(TimeSpan RetryAfter) : SignInOutcome;
}
