using System.Text.Json.Nodes;
using Snapsight.Cli.Demo;

namespace Snapsight.Cli.Tests.Demo;

/// <summary>
/// How the demo reads an asset's standing from the assets and scans lists, as the server's API writes them
/// (docs/control/scan-workflow.md, "API"), and the progress line it prints.
/// </summary>
public sealed class DemoScanWatchTests
{
    [Fact]
    public void Each_asset_takes_the_outcome_of_its_latest_run_unless_it_was_scanned()
    {
        JsonNode[] assets =
        [
            Asset("a1", "Activated", scannedAt: "2026-11-29T06:00:00Z"),
            Asset("a2", "Activated"),
            Asset("a3", "Activated"),
            Asset("a4", "Activated"),
            Asset("a5", "NotActivated", reason: "licence_exhausted"),
            Asset("a6", "Activated"),
            Asset("a7", "Activated", scannedAt: "2026-11-29T06:00:00Z"),
        ];
        JsonNode[] newestFirst =
        [
            Run("a1", "Scanning"), // a rescan of an asset already scanned: still done
            Run("a2", "Failed", "unsupported_os"),
            Run("a3", "SnapshotsRequested"),
            Run("a2", "Done"), // older than a2's failure: not the latest
            Run("a4", "Skipped", "excluded_by_tag"),
            Run("a7", "ResultsStored"), // scanned, its snapshots not yet deleted: not over
        ];

        var statuses = DemoScanWatch.Statuses(assets, newestFirst);

        Assert.Equal(
            ["done", "failed (unsupported_os)", "scanning (SnapshotsRequested)", "skipped (excluded_by_tag)", "not activated (licence_exhausted)", "waiting",
             "scanning (ResultsStored)"],
            statuses.Select(s => s.Described));
        Assert.Equal([true, true, false, true, true, false, false], statuses.Select(s => s.Settled));
        Assert.Equal(
            "scans: 1 of 7 assets done, 1 failed (unsupported_os), 1 not activated (licence_exhausted), 2 scanning, 1 skipped (excluded_by_tag), 1 waiting",
            DemoScanWatch.Progress(statuses, 7));
        Assert.Equal("discovery: 7 of 8 instances found", DemoScanWatch.Progress(statuses, 8));
    }

    [Fact]
    public void An_answer_without_a_field_the_demo_needs_is_a_demo_error_naming_it()
    {
        var noState = new JsonObject { ["assetId"] = "a1" };

        var refused = Assert.Throws<DemoException>(() => DemoScanWatch.Statuses([Asset("a1", "Activated")], [noState]));

        Assert.Contains("'state'", refused.Message, StringComparison.Ordinal);
    }

    private static JsonObject Asset(string id, string activation, string? scannedAt = null, string? reason = null) => new()
    {
        ["id"] = id, ["instanceId"] = $"i-{id}", ["name"] = id, ["activation"] = activation,
        ["activationReason"] = reason, ["lastScanCompletedAt"] = scannedAt,
    };

    private static JsonObject Run(string assetId, string state, string? reason = null) =>
        new() { ["assetId"] = assetId, ["state"] = state, ["reasonCode"] = reason };
}
