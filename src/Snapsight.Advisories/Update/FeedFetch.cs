namespace Snapsight.Advisories.Update;

/// <summary>How a feed's files are reached from the URLs the catalogue lists.</summary>
public enum FeedFetch
{
    /// <summary>Each URL is the file itself.</summary>
    Direct,

    /// <summary>Each URL is a yum repository's mirror.list: its first URL is the repository, whose repodata/repomd.xml names the updateinfo file (Amazon Linux).</summary>
    YumUpdateInfo,

    /// <summary>Each URL is a small text file naming the current archive beside it (Red Hat's archive_latest.txt).</summary>
    LatestPointer,

    /// <summary>The URL is the NVD CVE API 2.0, read page by page.</summary>
    NvdApi,
}
