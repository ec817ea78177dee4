namespace Snapsight.Control.Tenancy;

/// <summary>
/// A row that belongs to one subscription. The database context filters every query on such rows
/// to the caller's subscription and refuses to save one into another subscription.
/// </summary>
public interface ITenantOwned
{
    Guid SubscriptionId { get; set; }
}
