namespace Snapsight.Cloud.Accounts;

/// <summary>What Snapsight does in an account, which decides the permissions its role must grant.</summary>
public enum AccountPurpose
{
    /// <summary>Where the scanners run and read the snapshots target accounts share.</summary>
    Service,

    /// <summary>Whose instances are discovered and snapshotted.</summary>
    Target,
}
