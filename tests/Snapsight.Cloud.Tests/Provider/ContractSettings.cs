namespace Snapsight.Cloud.Tests.Provider;

/// <summary>Quotas and faults a contract test asks its fleet's provider for.</summary>
public sealed record ContractSettings
{
    public int MaxPendingSnapshotsPerAccount { get; init; } = 100;

    public int MaxConcurrentSnapshotsPerVolume { get; init; } = 5;

    public IReadOnlyList<ContractFault> Faults { get; init; } = [];
}

/// <summary>An injected failure, aimed at every volume; <c>Times</c> null means for ever.</summary>
public sealed record ContractFault(ContractFaultKind Kind, int? Times = null);

public enum ContractFaultKind
{
    CreationFails,
    StuckPending,
    ReadError,
    ThrottleCreate,
}
