using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>Short names of results for table-driven tests, as the OVAL specification's tables write them.</summary>
internal static class ResultCodes
{
    public static OvalResult Of(string code) => code switch
    {
        "T" => OvalResult.True,
        "F" => OvalResult.False,
        "E" => OvalResult.Error,
        "U" => OvalResult.Unknown,
        "NE" => OvalResult.NotEvaluated,
        "NA" => OvalResult.NotApplicable,
        _ => throw new ArgumentException(code, nameof(code)),
    };

    public static OvalResult[] List(string codes) => [.. codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Of)];
}
