using Snapsight.Advisories.Feeds.RedHatCsaf;

namespace Snapsight.Fuzz.Targets;

/// <summary>One Red Hat CSAF advisory or VEX document (feed JSON).</summary>
public sealed class RedHatCsafFeedFuzzTarget : IFuzzTarget
{
    public string Name => "redhat-csaf";

    public void Run(ReadOnlySpan<byte> input) => FeedFuzzRead.Run(RedHatCsafFeedFormat.Instance, input);
}
