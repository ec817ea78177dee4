using Snapsight.Advisories.Filtering;

namespace Snapsight.Scanning;

/// <summary>What one scan does beyond the inventory; the defaults are those of the CLI and the server alike.</summary>
public sealed record ScanOptions
{
    /// <summary>The advisory store (SQLite) to match against; null takes the inventory only and records the gap.</summary>
    public string? AdvisoryStorePath { get; init; }

    /// <summary>Leaves findings out (severities, unfixed, ignore rules, VEX); null keeps them all.</summary>
    public ScanFilter? Filter { get; init; }

    /// <summary>Also evaluate this compliance profile; null evaluates none.</summary>
    public ComplianceRequest? Compliance { get; init; }

    public IProgress<ScanProgressReport>? Progress { get; init; }

    /// <summary>The clock of the scan's time stamps and of ignore rules' expiry dates.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
