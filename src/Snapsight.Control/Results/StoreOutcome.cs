namespace Snapsight.Control.Results;

/// <summary>What <see cref="ScanResults.StoreAsync"/> did: stored the run, or found it already stored and changed nothing.</summary>
public enum StoreOutcome
{
    Stored,
    AlreadyStored,
}
