namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// The result of one definition, the outcomes of the tests its criteria reached (the evidence a
/// reader checks), and why it is not true or false when it is not.
/// </summary>
public sealed record DefinitionOutcome(string DefinitionId, OvalResult Result, IReadOnlyList<TestOutcome> Tests, string? Reason);
