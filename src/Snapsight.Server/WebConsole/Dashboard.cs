using Snapsight.Advisories.Model;
using Snapsight.Control.Assets;
using Snapsight.Control.Results;

namespace Snapsight.Server.WebConsole;

/// <summary>What the dashboard shows; counts keep every state and severity, zero or not, in a fixed order.</summary>
public sealed record Dashboard(
    IReadOnlyList<(AssetState State, int Count)> AssetsByState,
    int ActiveAssets,
    int ScannedRecently,
    IReadOnlyList<(Severity Severity, int Count)> FindingsBySeverity,
    IReadOnlyList<SeverityDay> SeverityHistory,
    IReadOnlyList<StoredFinding> TopKev,
    IReadOnlyList<StoredFinding> TopEpss,
    IReadOnlyList<ComplianceScore> Compliance,
    LicenceUsage Licence)
{
    /// <summary>Scanned share of activated assets in percent; null when none is activated.</summary>
    public int? CoveragePercent => ActiveAssets == 0 ? null : (int)Math.Floor(100.0 * ScannedRecently / ActiveAssets);
}
