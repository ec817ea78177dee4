namespace Snapsight.Advisories.Import;

/// <summary>Bounds on what one import reads, so a decompression bomb or a runaway archive ends with a message, not a full disk or a hang.</summary>
public static class ImportLimits
{
    /// <summary>One file once decompressed: the biggest real feed (NVD's full dump in one file) is a few GiB.</summary>
    public const long MaxFileBytes = 8L << 30;

    /// <summary>Files in one archive: osv.dev's largest all.zip holds a few hundred thousand records.</summary>
    public const int MaxArchiveEntries = 2_000_000;

    /// <summary>Directory depth walked under one import path.</summary>
    public const int MaxDirectoryDepth = 32;
}
