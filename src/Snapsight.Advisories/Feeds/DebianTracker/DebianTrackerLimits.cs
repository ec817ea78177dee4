namespace Snapsight.Advisories.Feeds.DebianTracker;

/// <summary>
/// Bounds on the tracker's JSON. The whole file (about 70 MB) is streamed, never held; one CVE
/// entry of one source package is held at a time, and real ones are a few kilobytes (a
/// description plus a dozen releases), so a megabyte leaves ample room.
/// </summary>
public static class DebianTrackerLimits
{
    /// <summary>Bytes of one package's entry for one CVE; a larger one is skipped, streamed past.</summary>
    public const int MaxEntryBytes = 1024 * 1024;

    /// <summary>JSON nesting: the shape needs five levels (root, package, CVE, releases, release, repositories).</summary>
    public const int MaxDepth = 32;

    /// <summary>Releases in one entry; the tracker lists about eight.</summary>
    public const int MaxReleases = 256;

    /// <summary>Bytes read from the stream at a time while no entry needs more.</summary>
    public const int ReadChunkBytes = 64 * 1024;
}
