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
                [] => throw new ArgumentException($"the benchmark has no rule {name} ({Choices(profile, name)})"),
                _ => throw new ArgumentException($"{name} could mean {string.Join(", ", matches)}: give the whole id"),
            };
            if (!profile.SelectedRuleIds.Contains(id))
            {
                throw new ArgumentException($"{id} is not selected by {ProfileName(profile)}");
            }

            chosen.Add(id);
        }

        return chosen;
    }

    private static string ProfileName(EffectiveProfile profile) => profile.ProfileId is { } p ? "profile " + p : "the default selection";

    /// <summary>
    /// The selected rules whose names contain what the user typed, as short as <c>--rule</c> accepts
    /// them: a profile selects hundreds, too many for one line of an error.
    /// </summary>
    private static string Choices(EffectiveProfile profile, string name)
    {
        var near = profile.SelectedRuleIds
            .Select(id => id.IndexOf("_rule_", StringComparison.Ordinal) is >= 0 and var at ? id[(at + "_rule_".Length)..] : id)
            .Where(shortName => shortName.Contains(name, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return near.Count > 0
            ? $"{ProfileName(profile)} selects {string.Join(", ", near)}"
            : $"{ProfileName(profile)} selects {profile.SelectedRuleIds.Count} rules, none with {name} in its name";
    }
}
