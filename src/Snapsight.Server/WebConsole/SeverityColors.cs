using Snapsight.Advisories.Model;

namespace Snapsight.Server.WebConsole;

/// <summary>One colour per severity for the charts, each dark enough for white text's and white background's contrast.</summary>
public static class SeverityColors
{
    public static string Fill(Severity severity) => severity switch
    {
        Severity.Critical => "#8b0000",
        Severity.High => "#cf222e",
        Severity.Medium => "#bc4c00",
        Severity.Low => "#9a6700",
        _ => "#6e7781",
    };
}
