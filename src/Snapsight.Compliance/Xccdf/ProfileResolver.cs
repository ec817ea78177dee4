namespace Snapsight.Compliance.Xccdf;

/// <summary>
/// Resolves a profile as XCCDF 1.2 says: the chain is applied from the root profile down, a
/// later select or value setting overrides an earlier one, and a rule counts as selected only
/// when it and every group around it are selected.
/// </summary>
public static class ProfileResolver
{
    /// <summary>The profile's selection and values; with a null <paramref name="profileId"/>, the benchmark's own defaults.</summary>
    public static EffectiveProfile Resolve(Benchmark benchmark, string? profileId)
    {
        var byId = benchmark.Profiles.ToDictionary(p => p.Id);
        Profile? profile = null;
        if (profileId is not null && !byId.TryGetValue(profileId, out profile))
        {
            throw new ArgumentException($"the benchmark has no profile {profileId}", nameof(profileId));
        }

        var chain = new List<Profile>();
        for (var current = profile; current is not null; current = current.Extends is { } parent ? byId[parent] : null)
        {
            chain.Insert(0, current);
        }

        var selections = new Dictionary<string, bool>();
        var values = new Dictionary<string, Func<XccdfValue, string?>>();
        foreach (var step in chain)
        {
            foreach (var select in step.Selects)
            {
                selections[select.IdRef] = select.Selected;
            }

            foreach (var refine in step.RefineValues)
            {
                values[refine.IdRef] = v => v.ValuesBySelector.TryGetValue(refine.Selector, out var chosen) ? chosen : v.DefaultValue;
            }

            foreach (var set in step.SetValues)
            {
                values[set.IdRef] = _ => set.Value;
            }
        }

        bool IsSelected(string id, bool byDefault) => selections.TryGetValue(id, out var chosen) ? chosen : byDefault;
        var selected = benchmark.AllRules()
            .Where(r => IsSelected(r.Rule.Id, r.Rule.Selected) && r.Ancestors.All(g => IsSelected(g.Id, g.Selected)))
            .Select(r => r.Rule.Id)
            .ToArray();
        var effectiveValues = new Dictionary<string, string>();
        foreach (var value in benchmark.AllValues())
        {
            if (values.TryGetValue(value.Id, out var choose) && choose(value) is { } text)
            {
                effectiveValues[value.Id] = text;
            }
        }

        return new EffectiveProfile(profileId, selected, effectiveValues);
    }
}
