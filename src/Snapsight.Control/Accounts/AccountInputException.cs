namespace Snapsight.Control.Accounts;

/// <summary>A connector or registration field that is out of bounds or malformed; <see cref="Field"/> names it as the API spells it.</summary>
public sealed class AccountInputException(string field, string reason) : ArgumentException($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
