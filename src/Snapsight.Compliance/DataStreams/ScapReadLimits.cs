namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// The reader's bounds. The Security Guide data streams in Debian 12 (up to 24 MB) have at
/// most about 150 000 elements, nest 14 deep and have no text over 40 000 characters; these
/// leave room for growth while refusing what only a hostile document needs.
/// </summary>
public static class ScapReadLimits
{
    /// <summary>Characters in the whole document (≈ 5× the largest real one).</summary>
    public const long MaxDocumentCharacters = 128L * 1024 * 1024;

    public const int MaxDepth = 128;

    public const int MaxElements = 500_000;

    /// <summary>Characters kept in one element's text; longer text is refused, not cut.</summary>
    public const int MaxTextCharacters = 1024 * 1024;
}
