using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Xccdf;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Assessment;

/// <summary>
/// Evaluates a data stream's benchmark under one profile against a file tree, as an XCCDF 1.2
/// checking engine does with OVAL: applicability first (the benchmark's, each group's, the
/// rule's platforms), then each selected rule's OVAL check with the profile's values handed in
/// as the check's exports, then the score. One OVAL evaluator per OVAL document, so an object
/// shared by many rules is collected once.
/// </summary>
public static class BenchmarkEvaluator
{
    /// <summary>How many evidence lines a rule keeps; the rest are counted in the last one.</summary>
    public const int MaxEvidence = 20;

    /// <summary>Evaluates the profile (null: the benchmark's default selection); with <paramref name="onlyRules"/>, only those of its rules, the rest being notselected.</summary>
    public static async Task<ComplianceAssessment> EvaluateAsync(
        DataStreamCollection content, string? profileId, ProbeContext context, IReadOnlySet<string>? onlyRules = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var benchmark = content.Benchmark;
        var profile = ProfileResolver.Resolve(benchmark, profileId);
        var selected = profile.SelectedRuleIds.Where(id => onlyRules is null || onlyRules.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var exports = ExportedValues(benchmark, profile, selected);
        var evaluators = new Dictionary<string, OvalEvaluator?>(StringComparer.Ordinal);
        OvalEvaluator? EvaluatorFor(string href)
        {
            if (!evaluators.TryGetValue(href, out var evaluator))
            {
                evaluator = content.OvalByHref.TryGetValue(href, out var document)
                    ? new OvalEvaluator(document, context, exports.GetValueOrDefault(href) ?? new Dictionary<string, IReadOnlyList<string>>())
                    : null;
                evaluators[href] = evaluator;
            }

            return evaluator;
        }

        var applicability = new PlatformApplicability(content, EvaluatorFor);
        var benchmarkApplies = await applicability.AppliesAsync(benchmark.Platforms, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<RuleOutcome>();
        foreach (var (rule, ancestors) in benchmark.AllRules())
        {
            if (!selected.Contains(rule.Id))
            {
                outcomes.Add(new RuleOutcome(rule, RuleResult.NotSelected, null, []));
                continue;
            }

            if (!benchmarkApplies)
            {
                outcomes.Add(new RuleOutcome(rule, RuleResult.NotApplicable, $"the benchmark is for another system ({string.Join(", ", benchmark.Platforms)})", []));
                continue;
            }

            if (!await AppliesAsync(applicability, rule, ancestors, cancellationToken).ConfigureAwait(false))
            {
                outcomes.Add(new RuleOutcome(rule, RuleResult.NotApplicable, "the rule's platform, or its group's, does not match the target", []));
                continue;
            }

            outcomes.Add(await CheckAsync(content, rule, EvaluatorFor, cancellationToken).ConfigureAwait(false));
        }

        var score = DefaultScore.Of(benchmark, outcomes.ToDictionary(o => o.Rule.Id, o => o.Result, StringComparer.Ordinal));
        var chosen = benchmark.Profiles.FirstOrDefault(p => p.Id == profileId);
        return new ComplianceAssessment(benchmark, chosen, profile.Values, outcomes, score, started, DateTimeOffset.UtcNow);
    }

    private static async Task<bool> AppliesAsync(PlatformApplicability applicability, Rule rule, IReadOnlyList<Group> ancestors, CancellationToken cancellationToken)
    {
        foreach (var group in ancestors)
        {
            if (!await applicability.AppliesAsync(group.Platforms, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return await applicability.AppliesAsync(rule.Platforms, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The rule's first OVAL check, evaluated through its first content ref this data stream holds
    /// (XCCDF 1.2, 6.4.4.4: a checker moves on to the next ref it can process); a rule with no OVAL
    /// check is not checked.
    /// </summary>
    private static async Task<RuleOutcome> CheckAsync(DataStreamCollection content, Rule rule, Func<string, OvalEvaluator?> evaluatorFor, CancellationToken cancellationToken)
    {
        var check = rule.Checks.FirstOrDefault(c => c.System == CheckSystems.Oval);
        if (check is null || check.ContentRefs.Count == 0)
        {
            var systems = rule.Checks.Select(c => c.System).Where(s => s != CheckSystems.Oval).Distinct().ToList();
            return new RuleOutcome(rule, RuleResult.NotChecked, systems.Count == 0 ? "the rule has no automated check" : $"the rule has no OVAL check (only {string.Join(", ", systems)})", []);
        }

        var reference = check.ContentRefs.FirstOrDefault(r => content.OvalByHref.ContainsKey(r.Href)) ?? check.ContentRefs[0];
        if (content.RemoteByHref.TryGetValue(reference.Href, out var url))
        {
            return new RuleOutcome(rule, RuleResult.NotChecked, $"the check's content is at {url}, which is never fetched", []);
        }

        if (reference.Name is not { } definitionId)
        {
            return new RuleOutcome(rule, RuleResult.NotChecked, "a check over every definition of a document (multi-check) is not supported", []);
        }

        if (evaluatorFor(reference.Href) is not { } evaluator || !content.OvalByHref[reference.Href].Definitions.TryGetValue(definitionId, out var definition))
        {
            return new RuleOutcome(rule, RuleResult.Error, $"the check names {reference.Href} {definitionId}, which the data stream does not hold", []);
        }

        var outcome = await evaluator.EvaluateAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var result = OvalResultMapping.ToRuleResult(outcome.Result, definition.Class, check.Negate);
        return new RuleOutcome(rule, result, result == RuleResult.Pass || outcome.Reason is null ? null : TreePath.Printable(outcome.Reason), Evidence(outcome));
    }

    /// <summary>
    /// The items' evidence, each once; control characters from a hostile disk's names escaped here,
    /// where it leaves the engine for the terminal and the XML and JSON writers.
    /// </summary>
    private static List<string> Evidence(DefinitionOutcome outcome)
    {
        var all = outcome.Tests.SelectMany(t => t.Evidence).Distinct(StringComparer.Ordinal).Select(e => TreePath.Printable(e)).ToList();
        return all.Count <= MaxEvidence ? all : [.. all.Take(MaxEvidence - 1), $"… and {all.Count - MaxEvidence + 1} more"];
    }

    /// <summary>
    /// For each OVAL document, the external variables the selected rules' checks export: the
    /// value the profile gives, else the value's default. Security Guide content exports each
    /// value under one name, so one binding per document serves every rule.
    /// </summary>
    private static Dictionary<string, Dictionary<string, IReadOnlyList<string>>> ExportedValues(Benchmark benchmark, EffectiveProfile profile, HashSet<string> selected)
    {
        var values = benchmark.AllValues().GroupBy(v => v.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byHref = new Dictionary<string, Dictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (rule, _) in benchmark.AllRules())
        {
            if (!selected.Contains(rule.Id))
            {
                continue;
            }

            foreach (var check in rule.Checks.Where(c => c.System == CheckSystems.Oval))
            {
                foreach (var reference in check.ContentRefs)
                {
                    var bindings = byHref.TryGetValue(reference.Href, out var existing) ? existing : byHref[reference.Href] = new(StringComparer.Ordinal);
                    foreach (var export in check.Exports)
                    {
                        var text = profile.Values.GetValueOrDefault(export.ValueId) ?? values.GetValueOrDefault(export.ValueId)?.DefaultValue;
                        if (text is not null)
                        {
                            bindings[export.ExportName] = [text];
                        }
                    }
                }
            }
        }

        return byHref;
    }
}
