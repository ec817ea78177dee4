using System.Globalization;
using Snapsight.Control;
using Snapsight.Control.Discovery;
using Snapsight.Control.Setup;
using Snapsight.Server.Scanning;

namespace Snapsight.Server.Hosting;

/// <summary>How one server process runs: where its data lives, where it listens, and the control plane's settings.</summary>
public sealed record ServerOptions(string DataDirectory, string Urls, ControlSettings Control)
{
    /// <summary>The environment variable that switches the database to PostgreSQL (an Npgsql connection string).</summary>
    public const string PostgresVariable = "SNAPSIGHT_POSTGRES";

    /// <summary>The scans' advisory database: <c>advisories.db</c> in the data folder.</summary>
    public SnapshotScanSettings Scanning => new(Path.Combine(DataDirectory, SnapshotScanSettings.DefaultFileName));

    /// <summary>
    /// Seconds between the background discovery's checks for accounts due a poll; 0 turns discovery
    /// off. Unset means <see cref="DiscoverySettings.DefaultCheckEvery"/>.
    /// </summary>
    public const string DiscoveryVariable = "SNAPSIGHT_DISCOVERY_CHECK_SECONDS";

    /// <summary>
    /// Seconds the local cloud's snapshots stay pending before they complete (0 to 3600; unset: 1),
    /// to watch a scan go through its states as it would against EBS.
    /// </summary>
    public const string LocalSnapshotVariable = "SNAPSIGHT_LOCAL_SNAPSHOT_SECONDS";

    /// <summary>The data folder's subfolder holding the EBS block cache that makes rescans on AWS incremental.</summary>
    public const string EbsBlockCacheDirectoryName = "ebs-block-cache";

    /// <summary>
    /// The server as <c>snapsight server</c> runs it: its data folder's database, discovery (unless turned off), the
    /// scan workflow on, in the cloud <paramref name="cloud"/> chooses (the local one when null, as for init and licence).
    /// </summary>
    public static ServerOptions From(string dataDirectory, string urls, CloudChoice? cloud = null)
    {
        var control = ControlSettings.ForDataDirectory(dataDirectory, Environment.GetEnvironmentVariable(PostgresVariable));
        return new(dataDirectory, urls, control with
        {
            Aws = cloud?.Settings() is { } aws ? aws with { BlockCacheDirectory = Path.Combine(dataDirectory, EbsBlockCacheDirectoryName) } : null,
            Discovery = DiscoveryFrom(Environment.GetEnvironmentVariable(DiscoveryVariable)),
            Scans = control.Scans with { Enabled = true },
            LocalSnapshotCompletion = LocalSnapshotFrom(Environment.GetEnvironmentVariable(LocalSnapshotVariable)) ?? control.LocalSnapshotCompletion,
        });
    }

    /// <summary>Null when unset; a value that is not a number of seconds stops the start.</summary>
    public static TimeSpan? LocalSnapshotFrom(string? seconds) => seconds switch
    {
        null or "" => null,
        _ when int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 3600 => TimeSpan.FromSeconds(n),
        _ => throw new SetupException($"{LocalSnapshotVariable} must be a whole number of seconds from 0 to 3600, not '{seconds}'"),
    };

    /// <summary>The server runs discovery unless the variable says 0; a value that is not a number of seconds stops the start.</summary>
    public static DiscoverySettings DiscoveryFrom(string? seconds) => seconds switch
    {
        null or "" => new DiscoverySettings { Enabled = true },
        _ when int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 86_400 =>
            new DiscoverySettings { Enabled = n > 0, CheckEvery = TimeSpan.FromSeconds(Math.Max(n, 1)) },
        _ => throw new SetupException($"{DiscoveryVariable} must be a whole number of seconds from 0 (off) to 86400, not '{seconds}'"),
    };
}
