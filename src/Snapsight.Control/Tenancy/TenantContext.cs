namespace Snapsight.Control.Tenancy;

/// <summary>
/// Whose data the current request may see: set once from the caller's verified credentials, read by
/// the database context's query filters. Unset means no tenant-owned row is visible at all.
/// </summary>
public sealed class TenantContext
{
    private Guid? subscriptionId;

    public Guid? SubscriptionId => subscriptionId;

    public void Enter(Guid subscription)
    {
        if (subscriptionId is { } current && current != subscription)
        {
            throw new InvalidOperationException("A request cannot act for two subscriptions.");
        }

        subscriptionId = subscription;
    }
}
