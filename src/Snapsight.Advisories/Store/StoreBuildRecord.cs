namespace Snapsight.Advisories.Store;

/// <summary>What an advisory store was built from and when: reported by <c>db status</c> and carried in every scan's JSON as <c>database</c>.</summary>
public sealed record StoreBuildRecord(int SchemaVersion, DateTimeOffset BuiltAt, IReadOnlyList<FeedBuild> Feeds);
