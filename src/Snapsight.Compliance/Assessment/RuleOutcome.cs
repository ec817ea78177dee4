using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.Assessment;

/// <summary>
/// One rule's result, why when it is neither pass nor fail (or when a fail has a reason to
/// give), and the evidence: the files and lines, or the items, that decided it.
/// </summary>
public sealed record RuleOutcome(Rule Rule, RuleResult Result, string? Reason, IReadOnlyList<string> Evidence);
