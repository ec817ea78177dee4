namespace Snapsight.Compliance.Xccdf;

/// <summary>
/// The rules a user names, to evaluate only those: each an exact id or the tail after
/// <c>_rule_</c> (<c>sshd_disable_root_login</c>), and each selected by the profile in force.
/// </summary>
public static class RuleChoice
{
    public static IReadOnlySet<string> Resolve(Benchmark benchmark, EffectiveProfile profile, IReadOnlyCollection<string> asked)
    {
        var ids = benchmark.AllRules().Select(r => r.Rule.Id).ToArray();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in asked)
        {
            var matches = ids.Where(id => id == name).ToArray() is { Length: 1 } exact ? exact : ids.Where(id => id.EndsWith("_rule_" + name, StringComparison.Ordinal)).ToArray();
            var id = matches switch
            {
                [var one] => one,
                [] => throw new ArgumentException($"the benchmark has no rule {name}"),
                _ => throw new ArgumentException($"{name} could mean {string.Join(", ", matches)}: give the whole id"),
            };
            if (!profile.SelectedRuleIds.Contains(id))
            {
                throw new ArgumentException($"{id} is not selected by {(profile.ProfileId is { } p ? "profile " + p : "the default selection")}");
            }

            chosen.Add(id);
        }

        return chosen;
    }
}
