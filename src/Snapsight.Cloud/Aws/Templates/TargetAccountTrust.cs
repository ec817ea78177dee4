namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// Whom a target account's role trusts: the scanning role of the subscription's service account,
/// and only when it presents the connector's external ID (the confused-deputy guard; the server
/// generates it, the user never chooses it).
/// </summary>
public sealed record TargetAccountTrust
{
    /// <summary>The service account's 12-digit id.</summary>
    public required string ServiceAccountId { get; init; }

    /// <summary>The per-connector external ID, 2..1224 characters of IAM's allowed set.</summary>
    public required string ExternalId { get; init; }
}
