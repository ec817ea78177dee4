using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Tokens;

/// <summary>
/// An opaque credential that templates and account call-backs present for a subscription. Only the
/// SHA-256 of its value is stored: the value is shown once, when it is issued.
/// </summary>
public sealed class SubscriptionToken : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public required byte[] ValueHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public bool IsUsableAt(DateTime now) => RevokedAt is null && now < ExpiresAt;
}
