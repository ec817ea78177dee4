namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>How a snapshot left behind is described in a failure: where it is, its tags, its run as the API shows it now, and what the scan driver logged about that run.</summary>
public static class LeftoverSnapshot
{
    public static async Task<string> DescribeAsync(HttpClient http, string serverLog, string where, IReadOnlyDictionary<string, string>? tags)
    {
        var run = tags?.GetValueOrDefault("snapsight:run");
        using var response = run is null ? null : await http.GetAsync($"api/v1/scans/{run}");
        var state = response is null ? "no run tag"
            : response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync()
            : $"unknown to the server ({(int)response.StatusCode})";
        var logged = run is null ? []
            : File.ReadLines(serverLog).Where(line => line.Contains(".ScanDriver[", StringComparison.Ordinal) && line.Contains(run, StringComparison.Ordinal))
                .Select(line => $"\n  log {line}");
        var tagText = tags is null ? "none" : string.Join(", ", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        return $"{where}\n  tags {tagText}\n  run {state}{string.Concat(logged)}";
    }
}
