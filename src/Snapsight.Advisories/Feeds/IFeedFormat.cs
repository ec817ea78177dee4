namespace Snapsight.Advisories.Feeds;

/// <summary>
/// One upstream feed format. <c>db import</c> offers every file it finds (archives already
/// unpacked, gzip already inflated) to each format's <see cref="Recognises"/> in turn and reads
/// it with the first that claims it, so recognition is by content, never by file name.
/// </summary>
public interface IFeedFormat
{
    /// <summary>Short stable name, used in the store's build record and by <c>db update --only</c>: "osv", "debian-tracker", "alpine-secdb", "alas", "redhat-csaf", "nvd", "epss", "kev".</summary>
    string Name { get; }

    /// <summary>Whether a file starting with <paramref name="head"/> (its first <see cref="FeedFormats.HeadBytes"/> bytes or fewer) is in this format. Must not throw.</summary>
    bool Recognises(ReadOnlySpan<byte> head);

    /// <summary>
    /// Streams one file's items into <paramref name="sink"/>. <paramref name="origin"/> names the
    /// file for messages. Damage confined to one record is reported through
    /// <see cref="IFeedSink.Skipped"/>; a file that cannot be read at all throws
    /// <see cref="FeedFormatException"/>.
    /// </summary>
    Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken);
}
