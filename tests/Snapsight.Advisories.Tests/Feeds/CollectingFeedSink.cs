using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Tests.Feeds;

/// <summary>A sink that keeps what a feed format hands it, for tests to look at.</summary>
internal sealed class CollectingFeedSink : IFeedSink
{
    public List<AdvisoryRecord> Advisories { get; } = [];

    public List<(string Where, string Reason)> Skips { get; } = [];

    public void Add(AdvisoryRecord advisory) => Advisories.Add(advisory);

    public void Add(CveScore score) => throw new InvalidOperationException("a distribution feed gave a CVE score");

    public void Add(EpssScore score) => throw new InvalidOperationException("a distribution feed gave an EPSS score");

    public void Add(KevEntry entry) => throw new InvalidOperationException("a distribution feed gave a KEV entry");

    public void Skipped(string where, string reason) => Skips.Add((where, reason));

    /// <summary>Forgets what a previous run gave (the hostile-input bar may run a parser twice).</summary>
    public void Clear()
    {
        Advisories.Clear();
        Skips.Clear();
    }

    /// <summary>Reads <paramref name="bytes"/> with <paramref name="format"/> into a new sink.</summary>
    public static CollectingFeedSink Read(IFeedFormat format, byte[] bytes, string origin = "test")
    {
        var sink = new CollectingFeedSink();
        using var stream = new MemoryStream(bytes);
        format.ReadAsync(stream, origin, sink, CancellationToken.None).GetAwaiter().GetResult();
        return sink;
    }
}
