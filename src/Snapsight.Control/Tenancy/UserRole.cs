namespace Snapsight.Control.Tenancy;

/// <summary>What a user may do inside their subscription.</summary>
public enum UserRole
{
    /// <summary>Reads results and configuration.</summary>
    Reader,

    /// <summary>Also configures connectors, accounts and scans.</summary>
    Operator,

    /// <summary>Also manages users, tokens and the licence.</summary>
    Admin,
}
