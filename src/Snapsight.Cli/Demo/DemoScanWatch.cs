using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Snapsight.Cli.Commands;

namespace Snapsight.Cli.Demo;

/// <summary>
/// The demo's last step: polls <c>GET /api/v1/assets</c> and <c>GET /api/v1/scans</c> until every instance of the
/// fleet is discovered and every asset is settled (<see cref="DemoAssetScan.Settled"/>), printing a line whenever the
/// progress changes, then prints what each scan found. Answers whether every asset was scanned, or null on time-out.
/// </summary>
internal sealed class DemoScanWatch(DemoApi api, int fleetSize, TimeSpan timeout)
{
    private const int PageSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly string[] SummaryHeadings = ["INSTANCE", "ID", "OS", "PACKAGES", "FINDINGS", "STATE"];
    private static readonly string[] SeverityOrder = ["Critical", "High", "Medium", "Low", "Unknown"];

    /// <summary>True when every asset was scanned, false when some ended otherwise, null when <c>timeout</c> passed first.</summary>
    public async Task<bool?> WaitAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var shown = "";
        while (true)
        {
            var assets = await StatusAsync(ct).ConfigureAwait(false);
            var progress = Progress(assets, fleetSize);
            if (progress != shown)
            {
                Console.Out.WriteLine($"    {progress}");
                shown = progress;
            }

            var finished = assets.Count >= fleetSize && assets.All(a => a.Settled);
            if (finished || clock.Elapsed >= timeout)
            {
                if (!finished)
                {
                    await Console.Error.WriteLineAsync(
                        $"snapsight demo: the first scans did not finish within {timeout.TotalMinutes:0.#} minutes ({progress}); " +
                        "the state so far is below, and the server's own log says what it is doing").ConfigureAwait(false);
                }

                await SummaryAsync(assets, ct).ConfigureAwait(false);
                return finished ? assets.All(a => a.Outcome == DemoAssetScan.Done) : null;
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<List<DemoAssetScan>> StatusAsync(CancellationToken ct) =>
        Statuses(await AllAsync("/api/v1/assets", ct).ConfigureAwait(false), await AllAsync("/api/v1/scans", ct).ConfigureAwait(false));

    /// <summary>Every asset with the outcome of its latest run; <paramref name="runsNewestFirst"/> is the scans list's order.</summary>
    internal static List<DemoAssetScan> Statuses(IEnumerable<JsonNode> assets, IEnumerable<JsonNode> runsNewestFirst)
    {
        var latest = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var run in runsNewestFirst)
        {
            latest.TryAdd(DemoApi.Text(run, "assetId"), run);
        }

        return [.. assets.Select(a => Status(a, latest))];
    }

    private static DemoAssetScan Status(JsonNode asset, Dictionary<string, JsonNode> latest)
    {
        var id = DemoApi.Text(asset, "id");
        var (outcome, reason) = Outcome(asset, latest.GetValueOrDefault(id));
        return new DemoAssetScan(id, DemoApi.Text(asset, "instanceId"), DemoApi.OptionalText(asset, "name"), outcome, reason);
    }

    private static (string Outcome, string? Reason) Outcome(JsonNode asset, JsonNode? run)
    {
        if (DemoApi.Text(asset, "activation") != "Activated")
        {
            return (DemoAssetScan.NotActivated, DemoApi.OptionalText(asset, "activationReason"));
        }

        if (DemoApi.OptionalText(asset, "lastScanCompletedAt") is not null)
        {
            // Scanned; but a run still deleting its snapshots is not over (a rescan in an earlier step is another matter).
            return run is not null && DemoApi.Text(run, "state") is var state and ("ResultsStored" or "CleanedUp")
                ? (DemoAssetScan.Scanning, state)
                : (DemoAssetScan.Done, null);
        }

        return run is null ? (DemoAssetScan.Waiting, null) : DemoApi.Text(run, "state") switch
        {
            "Failed" => (DemoAssetScan.Failed, DemoApi.OptionalText(run, "reasonCode")),
            "Skipped" => (DemoAssetScan.Skipped, DemoApi.OptionalText(run, "reasonCode")),
            // Done without lastScanCompletedAt: the result is stored a moment before the asset is marked.
            "Done" => (DemoAssetScan.Waiting, null),
            var state => (DemoAssetScan.Scanning, state),
        };
    }

    /// <summary>"scans: 3 of 5 assets done, 1 scanning, 1 failed (unsupported_os)", or how far discovery is.</summary>
    internal static string Progress(IReadOnlyList<DemoAssetScan> assets, int fleetSize)
    {
        if (assets.Count < fleetSize)
        {
            return $"discovery: {assets.Count} of {fleetSize} instances found";
        }

        var done = assets.Count(a => a.Outcome == DemoAssetScan.Done);
        var others = assets.Where(a => a.Outcome != DemoAssetScan.Done)
            .GroupBy(a => a.Outcome == DemoAssetScan.Scanning ? a.Outcome : a.Described, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        return string.Join(", ", [$"scans: {done} of {assets.Count} assets done", .. others]);
    }

    /// <summary>One row per asset: what its current stored run found, and how its latest scan ended.</summary>
    private async Task SummaryAsync(List<DemoAssetScan> assets, CancellationToken ct)
    {
        var rows = new List<string[]> { SummaryHeadings };
        foreach (var asset in assets.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.InstanceId, StringComparer.Ordinal))
        {
            var stored = Items(await api.GetAsync($"/api/v1/assets/{asset.AssetId}/runs?limit=1", ct).ConfigureAwait(false)).FirstOrDefault();
            var findings = stored is null ? [] : await AllAsync($"/api/v1/assets/{asset.AssetId}/findings", ct).ConfigureAwait(false);
            rows.Add([
                asset.Name ?? "-", asset.InstanceId, stored is null ? "-" : Os(stored["os"]),
                stored?["packages"]?.ToJsonString() ?? "-", stored is null ? "-" : BySeverity(findings), asset.Described,
            ]);
        }

        Console.Out.WriteLine();
        InventoryReportTable.WriteColumns(Console.Out, rows);
    }

    private static string Os(JsonNode? os) =>
        os is null ? "-" : string.Join(' ', new[] { DemoApi.OptionalText(os, "name"), DemoApi.OptionalText(os, "version") }
            .Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } text ? text : "unknown";

    /// <summary>"2 critical, 5 high", or "none".</summary>
    private static string BySeverity(List<JsonNode> findings)
    {
        var counts = findings.GroupBy(f => DemoApi.Text(f, "severity"), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var parts = SeverityOrder.Where(counts.ContainsKey)
            .Select(s => $"{counts[s].ToString(CultureInfo.InvariantCulture)} {s.ToLowerInvariant()}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>Every item of a paged list, page by page.</summary>
    private async Task<List<JsonNode>> AllAsync(string path, CancellationToken ct)
    {
        var all = new List<JsonNode>();
        while (true)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await api.GetAsync($"{path}{separator}offset={all.Count}&limit={PageSize}", ct).ConfigureAwait(false)
                ?? throw new DemoException($"GET {path}: this server does not have it (404)");
            var items = Items(page).ToList();
            all.AddRange(items);
            if (items.Count == 0 || (int?)page["total"] is not { } total || all.Count >= total)
            {
                return all;
            }
        }
    }

    private static IEnumerable<JsonNode> Items(JsonNode? page) =>
        page?["items"] is JsonArray items ? items.OfType<JsonNode>() : [];
}
