using Snapsight.Control;

namespace Snapsight.Server.Hosting;

/// <summary>How one server process runs: where its data lives, where it listens, and the control plane's settings.</summary>
public sealed record ServerOptions(string DataDirectory, string Urls, ControlSettings Control)
{
    /// <summary>The environment variable that switches the database to PostgreSQL (an Npgsql connection string).</summary>
    public const string PostgresVariable = "SNAPSIGHT_POSTGRES";

    /// <summary>The server as <c>snapsight server</c> runs it: its data folder's database, and the scan workflow on.</summary>
    public static ServerOptions From(string dataDirectory, string urls)
    {
        var control = ControlSettings.ForDataDirectory(dataDirectory, Environment.GetEnvironmentVariable(PostgresVariable));
        return new(dataDirectory, urls, control with { Scans = control.Scans with { Enabled = true } });
    }
}
