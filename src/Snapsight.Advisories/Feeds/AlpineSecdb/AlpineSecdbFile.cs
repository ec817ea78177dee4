namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>One secdb file as read: its release ("v3.18"), repository ("main"), fix entries in file order, and the parts left out as damage (where, why).</summary>
public sealed record AlpineSecdbFile(string DistroVersion, string? RepoName, IReadOnlyList<AlpineSecfix> Fixes, IReadOnlyList<(string Where, string Reason)> Skipped);
