namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// The result of one test, the evidence of the items that decided it (capped), and why it is
/// not true or false when it is not (e.g. "needs a running system").
/// </summary>
public sealed record TestOutcome(string TestId, OvalResult Result, IReadOnlyList<string> Evidence, string? Reason);
