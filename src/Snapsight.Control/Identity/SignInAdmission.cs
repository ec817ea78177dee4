namespace Snapsight.Control.Identity;

/// <summary>
/// The throttle's answer to one attempt: go ahead, or wait this long. <see cref="LastBeforeLock"/>
/// says that if this attempt fails, the client or the name is refused from now on.
/// </summary>
public readonly record struct SignInAdmission(bool Allowed, TimeSpan RetryAfter, bool LastBeforeLock)
{
    public static SignInAdmission Admitted(bool lastBeforeLock) => new(true, TimeSpan.Zero, lastBeforeLock);

    public static SignInAdmission Refused(TimeSpan retryAfter) => new(false, retryAfter, false);
}
