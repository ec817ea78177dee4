namespace Snapsight.Control.Persistence;

/// <summary>Where the control plane keeps its state.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file in the data folder.</summary>
    Sqlite,

    /// <summary>For production and for several server processes sharing the work.</summary>
    PostgreSql,
}
