namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>A range of affected versions: its type (SEMVER, ECOSYSTEM or GIT, as written) and its events in order.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);
