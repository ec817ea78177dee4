using Snapsight.Advisories.Store;

namespace Snapsight.Advisories.Import;

/// <summary>What an import did: one build-record entry per path given, the files no format claimed, and the records left out with why.</summary>
public sealed record ImportSummary(
    IReadOnlyList<FeedBuild> Feeds,
    IReadOnlyList<string> Unrecognised,
    IReadOnlyList<(string Where, string Reason)> Skipped);
