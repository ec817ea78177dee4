namespace Snapsight.Control.Scheduling;

/// <summary>One account in one region: the unit scan concurrency is bounded by, since snapshot quotas are per account and region.</summary>
public readonly record struct AccountRegion(string AccountId, string Region)
{
    public override string ToString() => $"{AccountId}/{Region}";
}
