namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>
/// Bounds on an updateinfo.xml. The whole file is streamed; the real Amazon Linux 2 one is
/// tens of megabytes with a few thousand updates, each listing at most a few hundred packages
/// and references, so these leave ample room while keeping a hostile file cheap.
/// </summary>
public static class AlasLimits
{
    /// <summary>Characters of the whole document, which also bounds any one text the reader buffers.</summary>
    public const long MaxDocumentChars = 1L << 30;

    /// <summary>Characters of one element's text (a description); a longer one is refused with its update.</summary>
    public const int MaxTextChars = 1024 * 1024;

    /// <summary>Packages, or references, in one update.</summary>
    public const int MaxListCount = 10_000;

    /// <summary>Element nesting within one update; the format needs four.</summary>
    public const int MaxDepth = 16;
}
