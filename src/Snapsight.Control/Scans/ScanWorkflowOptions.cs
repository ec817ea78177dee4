namespace Snapsight.Control.Scans;

/// <summary>How the scan workflow paces itself and where it draws its limits.</summary>
public sealed record ScanWorkflowOptions
{
    /// <summary>
    /// Whether the server drives runs and sweeps snapshots in the background. Off unless asked:
    /// <c>snapsight server</c> turns it on, tests that want it say so.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>How often the server looks for runs that are due (sooner when a run is due sooner).</summary>
    public TimeSpan DriveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the orphan sweeper runs (and once at start-up).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest wait between two descriptions of a pending snapshot set.</summary>
    public TimeSpan SnapshotPollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The first wait before a pending set is described again: a snapshot of a small or unchanged
    /// volume may complete in about a second, and a run must not then idle for a whole poll interval.
    /// </summary>
    public TimeSpan FirstSnapshotPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long to wait before describing a set again that has been pending for <paramref name="pendingFor"/>:
    /// as long as it has been pending, so the waits double (1 s, 1 s, 2 s, 4 s…), within
    /// <see cref="FirstSnapshotPoll"/> and <see cref="SnapshotPollInterval"/>, the cap.
    /// </summary>
    public TimeSpan SnapshotPollDelay(TimeSpan pendingFor)
    {
        var wait = pendingFor > FirstSnapshotPoll ? pendingFor : FirstSnapshotPoll;
        return wait < SnapshotPollInterval ? wait : SnapshotPollInterval;
    }

    /// <summary>A snapshot still pending this long after it was asked for is given up (stuck).</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The expiry tag's distance from creation: past it the sweeper deletes whatever the run's state.</summary>
    public TimeSpan SnapshotLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a kept snapshot (the last scanned one of a volume, for an incremental rescan) lives
    /// after its scan: the expiry tag is moved this far. Longer than the scan interval, or the next
    /// scan finds it gone and reads in full.
    /// </summary>
    public TimeSpan KeptSnapshotLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Admission: snapshots of ours pending at once per account and region. EC2 allows 100 pending
    /// snapshots per account and region (not adjustable); the rest is left to the customer's own.
    /// </summary>
    public int MaxPendingSnapshotsPerScope { get; init; } = 80;

    /// <summary>How long a run held back by admission waits before it asks again.</summary>
    public TimeSpan AdmissionWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry's delay; each further one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed attempts of one step before the run fails (cleanup is never given up: see the docs).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>EBS allows up to 28 attachments on most Nitro instances; more is not a machine we scan.</summary>
    public int MaxVolumes { get; init; } = 28;

    /// <summary>Larger volumes are skipped (EBS's largest is 64 TiB; a scan reads only what it needs, but time is bounded).</summary>
    public long MaxVolumeBytes { get; init; } = 16L << 40;

    /// <summary>Runs advanced per subscription per pass, so one tenant cannot starve the others.</summary>
    public int RunsPerPass { get; init; } = 32;

    /// <summary>
    /// Steps of one run taken in a row, in one database context, while each leaves it due at once (a
    /// completed set to done is seven): bounded so that one run cannot hold a pass for long.
    /// </summary>
    public int StepsInARow { get; init; } = 8;

    /// <summary>How long an asset whose last run failed or was skipped waits before the planner starts another.</summary>
    public TimeSpan RetryEndedAfter { get; init; } = TimeSpan.FromHours(1);
}
