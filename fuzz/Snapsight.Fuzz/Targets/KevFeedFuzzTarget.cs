using Snapsight.Advisories.Feeds.Kev;

namespace Snapsight.Fuzz.Targets;

/// <summary>One KEV catalogue (feed JSON).</summary>
public sealed class KevFeedFuzzTarget : IFuzzTarget
{
    public string Name => "kev";

    public void Run(ReadOnlySpan<byte> input) => FeedFuzzRead.Run(KevFeedFormat.Instance, input);
}
