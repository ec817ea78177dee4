using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>How a <see cref="ScanWorld"/> is made.</summary>
public sealed record WorldOptions
{
    /// <summary>Volumes of each instance, one entry per instance.</summary>
    public IReadOnlyList<int> VolumesPerInstance { get; init; } = [2, 1];

    public IReadOnlyList<LocalFault> Faults { get; init; } = [];

    /// <summary>Whether a service account other than the target reads the snapshots (they are then shared).</summary>
    public bool SeparateServiceAccount { get; init; } = true;

    public bool Encrypted { get; init; }

    /// <summary>Tags of instance number n (1-based).</summary>
    public Func<int, Dictionary<string, string>> TagsOf { get; init; } = n => new() { ["Name"] = $"host-{n}" };

    public TimeSpan CompletionDelay { get; init; } = TimeSpan.FromMinutes(1);

    public int Seed { get; init; } = 7;

    /// <summary>Wraps the provider the engine sees, for faults the local cloud has no switch for.</summary>
    public Func<ICloudProvider, ICloudProvider>? WrapCloud { get; init; }

    /// <summary>Wraps the result store the engine hands results to, for refusals the recording store never makes.</summary>
    public Func<IScanResultSink, IScanResultSink>? WrapSink { get; init; }

    public ScanWorkflowOptions Workflow { get; init; } = new()
    {
        BaseRetryDelay = TimeSpan.FromSeconds(5),
        MaxRetryDelay = TimeSpan.FromMinutes(1),
        MaxAttempts = 5,
        SnapshotPollInterval = TimeSpan.FromSeconds(15),
        SnapshotTimeout = TimeSpan.FromMinutes(30),
    };
}
