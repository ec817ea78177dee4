namespace Snapsight.Cloud.Local;

/// <summary>How a <see cref="LocalCloudProvider"/> behaves: where its cloud lives, how slow snapshots are, its quotas, its faults.</summary>
public sealed record LocalCloudOptions
{
    /// <summary>The directory holding <c>accounts/</c>.</summary>
    public required string Root { get; init; }

    /// <summary>How long a snapshot stays pending after creation (by <see cref="TimeProvider"/>); zero completes at once.</summary>
    public TimeSpan CompletionDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pending snapshots an account may have in one region (EC2: 100).</summary>
    public int MaxPendingSnapshotsPerAccount { get; init; } = 100;

    /// <summary>Pending snapshots one volume may have at once (EBS gp3: 5).</summary>
    public int MaxConcurrentSnapshotsPerVolume { get; init; } = 5;

    public IReadOnlyList<LocalFault> Faults { get; init; } = [];

    /// <summary>The clock that drives pending → completed; a fake one makes tests step it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
