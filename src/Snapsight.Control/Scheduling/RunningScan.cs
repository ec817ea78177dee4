namespace Snapsight.Control.Scheduling;

/// <summary>A scan the workflow has under way: its asset is not planned again, and it takes a place in its account and region.</summary>
public readonly record struct RunningScan(Guid AssetId, AccountRegion Scope);
