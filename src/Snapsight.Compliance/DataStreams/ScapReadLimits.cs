namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// The reader's bounds. The largest Security Guide data stream (RHEL 8, 24 MB) has about
/// 600 000 elements, nests 20 deep and has no text node over 64 KiB; these leave room
/// for growth while refusing what only a hostile document needs.
/// </summary>
public static class ScapReadLimits
{
    /// <summary>Characters in the whole document (≈ 5× the largest real one).</summary>
    public const long MaxDocumentCharacters = 128L * 1024 * 1024;

    public const int MaxDepth = 128;

    public const int MaxElements = 4_000_000;

    /// <summary>Characters kept in one element's text; longer text is refused, not cut.</summary>
    public const int MaxTextCharacters = 1024 * 1024;
}
