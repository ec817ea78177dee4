using Snapsight.Compliance.Assessment;

namespace Snapsight.Control.Results;

/// <summary>One compliance rule's result: the XCCDF rule id exactly as in the data stream, and its severity as XCCDF writes it.</summary>
public sealed record RunRuleResult(string Profile, string RuleId, string Title, string Severity, RuleResult Result);
