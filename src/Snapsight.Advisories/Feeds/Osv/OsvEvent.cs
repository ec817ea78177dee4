namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>One event of a range, in the record's order: a version (or commit) and what happens there.</summary>
public sealed record OsvEvent(OsvEventKind Kind, string Value);
