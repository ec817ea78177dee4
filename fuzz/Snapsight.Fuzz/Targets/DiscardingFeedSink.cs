using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Model;

namespace Snapsight.Fuzz.Targets;

/// <summary>A feed sink that keeps nothing: fuzzing looks for crashes and hangs, not results.</summary>
internal sealed class DiscardingFeedSink : IFeedSink
{
    public static DiscardingFeedSink Instance { get; } = new();

    public void Add(AdvisoryRecord advisory)
    {
    }

    public void Add(CveScore score)
    {
    }

    public void Add(EpssScore score)
    {
    }

    public void Add(KevEntry entry)
    {
    }

    public void Skipped(string where, string reason)
    {
    }
}
