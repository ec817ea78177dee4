using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Tests.Feeds;

/// <summary>A feed sink that keeps everything it is given, for tests to compare.</summary>
internal sealed class RecordingSink : IFeedSink
{
    public List<AdvisoryRecord> Advisories { get; } = [];

    public List<CveScore> CveScores { get; } = [];

    public List<EpssScore> EpssScores { get; } = [];

    public List<KevEntry> KevEntries { get; } = [];

    public List<(string Where, string Reason)> Skips { get; } = [];

    public void Add(AdvisoryRecord advisory) => Advisories.Add(advisory);

    public void Add(CveScore score) => CveScores.Add(score);

    public void Add(EpssScore score) => EpssScores.Add(score);

    public void Add(KevEntry entry) => KevEntries.Add(entry);

    public void Skipped(string where, string reason) => Skips.Add((where, reason));

    /// <summary>Reads <paramref name="path"/> with <paramref name="format"/> into a new sink.</summary>
    public static async Task<RecordingSink> ReadFileAsync(IFeedFormat format, string path)
    {
        var sink = new RecordingSink();
        await using var content = File.OpenRead(path);
        await format.ReadAsync(content, path, sink, CancellationToken.None);
        return sink;
    }

    /// <summary>Reads <paramref name="bytes"/> with <paramref name="format"/> into a new sink.</summary>
    public static async Task<RecordingSink> ReadAsync(IFeedFormat format, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var sink = new RecordingSink();
        await using var content = new MemoryStream(bytes, writable: false);
        await format.ReadAsync(content, "test", sink, cancellationToken);
        return sink;
    }
}
