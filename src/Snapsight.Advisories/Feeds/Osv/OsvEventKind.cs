namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>What a range event marks; the schema's four event keys.</summary>
public enum OsvEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}
