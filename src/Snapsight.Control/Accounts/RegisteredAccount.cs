namespace Snapsight.Control.Accounts;

/// <summary>
/// What a service account and a target account share: the AWS account, the connector whose role
/// ARN names it, the regions, and where the validation workflow stands with its last error.
/// </summary>
public abstract class RegisteredAccount
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid ConnectorId { get; set; }

    public required string AccountId { get; set; }

    public List<string> Regions { get; set; } = [];

    public ValidationState State { get; set; }

    /// <summary>A code of <see cref="RegistrationErrors"/> or of the cloud's checks; null unless <see cref="ValidationState.Failed"/>.</summary>
    public string? LastErrorCode { get; set; }

    public string? LastErrorMessage { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the validation last ended (registered or failed).</summary>
    public DateTime? ValidatedAt { get; set; }
}
