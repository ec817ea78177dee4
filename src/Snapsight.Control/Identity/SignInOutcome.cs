namespace Snapsight.Control.Identity;

/// <summary>What a sign-in attempt came to. Wrong name and wrong password are the same outcome.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    public sealed record Signed(string AccessToken) : SignInOutcome;

    public sealed record Invalid : SignInOutcome;

    public sealed record Throttled(TimeSpan RetryAfter) : SignInOutcome;
}
