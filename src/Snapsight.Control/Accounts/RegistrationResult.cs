namespace Snapsight.Control.Accounts;

/// <summary>How a registration ended; the API answers 201, 200, 304, 404 and 400 respectively.</summary>
public enum RegistrationResult
{
    /// <summary>A new registration passed validation.</summary>
    Created,

    /// <summary>A failed one, or one with changed settings, was validated again and passed.</summary>
    Updated,

    /// <summary>The same account with the same settings is already registered: nothing was done.</summary>
    Unchanged,

    /// <summary>No connector's role ARN names the account (<see cref="RegistrationErrors.NoConnector"/>).</summary>
    NoConnector,

    /// <summary>Refused before or by validation; the code and message say why.</summary>
    Refused,
}

/// <summary>A registration's outcome, the row as it now stands (when there is one) and, when refused, why.</summary>
public sealed record RegistrationOutcome(RegistrationResult Result, RegisteredAccount? Account, string? Code = null, string? Message = null);
