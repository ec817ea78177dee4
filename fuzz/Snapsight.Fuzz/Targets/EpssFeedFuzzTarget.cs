using Snapsight.Advisories.Feeds.Epss;

namespace Snapsight.Fuzz.Targets;

/// <summary>One FIRST EPSS scores (feed CSV).</summary>
public sealed class EpssFeedFuzzTarget : IFuzzTarget
{
    public string Name => "epss";

    public void Run(ReadOnlySpan<byte> input) => FeedFuzzRead.Run(EpssFeedFormat.Instance, input);
}
