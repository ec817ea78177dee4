using Snapsight.Control.Accounts;

namespace Snapsight.Server.Accounts;

/// <summary>The validation workflow's last error: a reason code and a message naming what failed.</summary>
public sealed record RegistrationErrorView(string Code, string Message)
{
    public static RegistrationErrorView? Of(RegisteredAccount account) =>
        account.LastErrorCode is { } code ? new RegistrationErrorView(code, account.LastErrorMessage ?? "") : null;

    /// <summary>The state as the API writes it: validating, registered or failed.</summary>
    public static string StateOf(RegisteredAccount account) => account.State.ToString().ToLowerInvariant();
}
