namespace Snapsight.Control.Audit;

/// <summary>
/// One security-relevant action: who did what to what, from where and when (UTC). Entries are only
/// ever added, and never carry a secret; <see cref="AuditLog"/> is the only writer.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Empty for actions outside any subscription, such as a sign-in with an unknown name.</summary>
    public Guid? SubscriptionId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The user name, "subscription-token:ID", or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>A dotted verb from <see cref="AuditActions"/>, e.g. "token.revoke".</summary>
    public required string Action { get; set; }

    public string? Target { get; set; }

    public bool Succeeded { get; set; }

    public string? Detail { get; set; }

    /// <summary>The client's address as the server saw it.</summary>
    public string? Client { get; set; }
}
