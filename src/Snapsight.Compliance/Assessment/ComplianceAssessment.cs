using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.Assessment;

/// <summary>
/// A benchmark evaluated against one file tree under one profile: every rule of the benchmark in
/// its order (those the profile leaves out as <see cref="RuleResult.NotSelected"/>) and the
/// score of XCCDF's default model, 0–100. <see cref="Values"/> are the values the profile sets or refines.
/// </summary>
public sealed record ComplianceAssessment(
    Benchmark Benchmark,
    Profile? Profile,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<RuleOutcome> Rules,
    double Score,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt)
{
    public IEnumerable<RuleOutcome> Selected => Rules.Where(r => r.Result != RuleResult.NotSelected);

    public int Count(RuleResult result) => Rules.Count(r => r.Result == result);
}
