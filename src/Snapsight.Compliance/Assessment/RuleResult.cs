namespace Snapsight.Compliance.Assessment;

/// <summary>A rule's result, as XCCDF 1.2 names them (the <c>fixed</c> result never arises: we change nothing).</summary>
public enum RuleResult
{
    Pass,
    Fail,
    Error,
    Unknown,
    NotApplicable,
    NotChecked,
    NotSelected,
    Informational,
}

public static class RuleResultNames
{
    /// <summary>The XCCDF spelling: pass, fail, error, unknown, notapplicable, notchecked, notselected, informational.</summary>
    public static string Of(RuleResult result) => result switch
    {
        RuleResult.Pass => "pass",
        RuleResult.Fail => "fail",
        RuleResult.Error => "error",
        RuleResult.Unknown => "unknown",
        RuleResult.NotApplicable => "notapplicable",
        RuleResult.NotChecked => "notchecked",
        RuleResult.NotSelected => "notselected",
        RuleResult.Informational => "informational",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
