namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>One OSV record as a file (the archives are unpacked before recognition, so each entry comes here alone).</summary>
public sealed class OsvFeedFormat : IFeedFormat
{
    public static OsvFeedFormat Instance { get; } = new();

    private static readonly string[] RecordKeys = ["affected", "modified", "published", "schema_version", "aliases"];

    public string Name => "osv";

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var names = JsonHead.TopLevelNames(head);
        return names.Contains("id") && RecordKeys.Any(names.Contains);
    }

    public async Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        var json = await FeedFiles.ReadCappedAsync(content, OsvLimits.MaxRecordBytes, Name, origin, cancellationToken).ConfigureAwait(false);
        OsvRecord record;
        try
        {
            record = OsvRecordParser.Parse(json);
        }
        catch (OsvFormatException e)
        {
            sink.Skipped(origin, e.Message);
            return;
        }

        if (record.Withdrawn is null)
        {
            sink.Add(OsvAdvisoryMapper.Map(record));
        }
    }
}
