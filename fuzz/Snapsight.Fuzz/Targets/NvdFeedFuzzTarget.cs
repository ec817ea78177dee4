using Snapsight.Advisories.Feeds.Nvd;

namespace Snapsight.Fuzz.Targets;

/// <summary>One NVD CVE API 2.0 page (feed JSON).</summary>
public sealed class NvdFeedFuzzTarget : IFuzzTarget
{
    public string Name => "nvd";

    public void Run(ReadOnlySpan<byte> input) => FeedFuzzRead.Run(NvdFeedFormat.Instance, input);
}
