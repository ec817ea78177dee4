using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Model;

namespace Snapsight.Fuzz.Targets;

/// <summary>What the feed targets do: recognise the input, then read it whole into a sink that keeps nothing.</summary>
internal static class FeedFuzzRead
{
    /// <summary>A sink that keeps nothing: the targets look for crashes and hangs, not results.</summary>
    public static IFeedSink Discard { get; } = new DiscardingSink();

    public static void Run(IFeedFormat format, ReadOnlySpan<byte> input)
    {
        _ = format.Recognises(input[..Math.Min(input.Length, FeedFormats.HeadBytes)]);
        using var content = new MemoryStream(input.ToArray(), writable: false);
        format.ReadAsync(content, "fuzz", Discard, CancellationToken.None).GetAwaiter().GetResult();
    }

    private sealed class DiscardingSink : IFeedSink
    {
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
}
