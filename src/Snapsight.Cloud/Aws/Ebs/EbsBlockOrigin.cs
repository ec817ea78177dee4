namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>What became of a written block a device needed.</summary>
internal enum EbsBlockOrigin
{
    /// <summary>Fetched with GetSnapshotBlock.</summary>
    Fetched,

    /// <summary>Served from the local block cache.</summary>
    FromCache,

    /// <summary>A cache entry refused (malformed, failing its checksum); the block was fetched instead.</summary>
    CacheRejected,
}
