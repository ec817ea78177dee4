namespace Snapsight.Cloud.Accounts;

/// <summary>The answer of <see cref="IAccountAccess.ValidateAsync"/>: usable, or the first failure and a message naming what failed.</summary>
public sealed record AccountAccessResult(AccountAccessFailure? Failure, string? Message)
{
    public static AccountAccessResult Usable { get; } = new(null, null);

    public bool IsUsable => Failure is null;

    public static AccountAccessResult Failed(AccountAccessFailure failure, string message) => new(failure, message);
}
