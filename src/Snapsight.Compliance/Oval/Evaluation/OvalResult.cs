namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>The result of a definition, criteria node or test (OVAL 5.11 results schema, ResultEnumeration).</summary>
public enum OvalResult
{
    True,
    False,
    Error,
    Unknown,
    NotEvaluated,
    NotApplicable,
}
