namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>What looking a block up in the local cache gave.</summary>
internal enum EbsCacheLookup
{
    /// <summary>Served, verified.</summary>
    Hit,

    /// <summary>Not cached.</summary>
    Missing,

    /// <summary>Cached but malformed or failing its checksum: deleted, to be fetched.</summary>
    Rejected,
}
