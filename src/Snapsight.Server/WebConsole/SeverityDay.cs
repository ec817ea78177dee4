using Snapsight.Advisories.Model;

namespace Snapsight.Server.WebConsole;

/// <summary>The fleet's open findings on one day (UTC) by severity: each asset counted by its latest run on or before that day.</summary>
public sealed record SeverityDay(DateOnly Day, int Critical, int High, int Medium, int Low, int Unknown)
{
    public int Total => Critical + High + Medium + Low + Unknown;

    public int Count(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        _ => Unknown,
    };
}
