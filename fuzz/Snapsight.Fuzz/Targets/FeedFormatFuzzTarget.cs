using Snapsight.Advisories.Feeds;

namespace Snapsight.Fuzz.Targets;

/// <summary>One whole feed file through a streaming feed format (Debian tracker, Alpine secdb, ALAS updateinfo): recognition, then reading and mapping.</summary>
public sealed class FeedFormatFuzzTarget(IFeedFormat format) : IFuzzTarget
{
    public string Name => "feed-" + format.Name;

    public void Run(ReadOnlySpan<byte> input)
    {
        _ = format.Recognises(input[..Math.Min(input.Length, FeedFormats.HeadBytes)]);
        using var content = new MemoryStream(input.ToArray(), writable: false);
        format.ReadAsync(content, "fuzz", DiscardingFeedSink.Instance, CancellationToken.None).GetAwaiter().GetResult();
    }
}
