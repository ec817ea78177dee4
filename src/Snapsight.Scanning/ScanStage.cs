namespace Snapsight.Scanning;

/// <summary>The steps of a scan, in order.</summary>
public enum ScanStage
{
    /// <summary>Taking the disks apart, assembling the tree and taking the inventory.</summary>
    Reading,

    /// <summary>Matching the packages against the advisory store.</summary>
    Matching,

    /// <summary>Evaluating the compliance benchmark.</summary>
    Compliance,

    Done,
}
