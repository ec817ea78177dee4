using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Assessment;

/// <summary>
/// How an OVAL definition's result becomes a rule's (SCAP 1.3, NIST SP 800-126r3, the OVAL to
/// XCCDF result table): a compliance or inventory definition that is true passes, a vulnerability
/// or patch definition that is true fails; the check's <c>negate</c> swaps pass and fail.
/// </summary>
public static class OvalResultMapping
{
    public static RuleResult ToRuleResult(OvalResult result, string definitionClass, bool negate)
    {
        var mapped = result switch
        {
            OvalResult.True => definitionClass is "vulnerability" or "patch" ? RuleResult.Fail : RuleResult.Pass,
            OvalResult.False => definitionClass is "vulnerability" or "patch" ? RuleResult.Pass : RuleResult.Fail,
            OvalResult.Error => RuleResult.Error,
            OvalResult.Unknown => RuleResult.Unknown,
            OvalResult.NotEvaluated => RuleResult.NotChecked,
            OvalResult.NotApplicable => RuleResult.NotApplicable,
            _ => throw new ArgumentOutOfRangeException(nameof(result)),
        };
        return (negate, mapped) switch
        {
            (true, RuleResult.Pass) => RuleResult.Fail,
            (true, RuleResult.Fail) => RuleResult.Pass,
            _ => mapped,
        };
    }
}
