using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds;

/// <summary>
/// Where feed parsers put what they read: the advisory store's importer, or a list in a test.
/// Parsers call it once per item as they stream, so a feed of any size is never held whole.
/// A record the parser cannot read is reported with <see cref="Skipped"/> and reading goes on.
/// </summary>
public interface IFeedSink
{
    void Add(AdvisoryRecord advisory);

    void Add(CveScore score);

    void Add(EpssScore score);

    void Add(KevEntry entry);

    /// <summary>One record left out: where it was (file and record id or line) and why.</summary>
    void Skipped(string where, string reason);
}
