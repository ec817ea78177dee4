using System.Text.Json;

namespace Snapsight.Cli.Tests.Compliance;

/// <summary>Runs <c>snapsight compliance … --format json</c> and reads what the tests compare: rule id to result.</summary>
internal static class ComplianceJson
{
    public static JsonDocument Run(params string[] arguments)
    {
        var result = SnapsightProcess.Run(["compliance", .. arguments, "--format", "json"]);
        Assert.True(result.ExitCode == 0, $"compliance {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        return JsonDocument.Parse(result.Stdout);
    }

    /// <summary>Rule id to result of a report's (or a scan's <c>compliance</c> object's) <c>rules</c>.</summary>
    public static Dictionary<string, string> Results(JsonElement assessment) =>
        assessment.GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("result").GetString()!, StringComparer.Ordinal);
}
