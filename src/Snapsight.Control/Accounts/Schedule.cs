using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Control.Accounts;

/// <summary>
/// A scan schedule: the EventBridge-style <c>rate(N hours)</c> CFT-S sends, or a plain number of hours,
/// within the templates' scan interval bounds.
/// </summary>
public static partial class Schedule
{
    public static int Hours(JsonElement? schedule, int fallback)
    {
        int? hours = schedule switch
        {
            null or { ValueKind: JsonValueKind.Null } => fallback,
            { ValueKind: JsonValueKind.Number } number => number.TryGetInt32(out var n) ? n : null,
            { ValueKind: JsonValueKind.String } text => Rate().Match(text.GetString()!) is { Success: true } m
                && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            _ => null,
        };
        return hours is >= TemplateRequest.MinScanIntervalHours and <= TemplateRequest.MaxScanIntervalHours
            ? hours.Value
            : throw new AccountInputException("schedule",
                $"give rate(N hours) or a number of hours, N from {TemplateRequest.MinScanIntervalHours} to {TemplateRequest.MaxScanIntervalHours}");
    }

    [GeneratedRegex(@"^rate\(([0-9]{1,4}) hours?\)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rate();
}
