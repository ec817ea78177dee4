using Snapsight.Compliance.DataStreams;

namespace Snapsight.Compliance.Xccdf;

/// <summary>Turns the element tree of an XCCDF 1.2 <c>Benchmark</c> into the <see cref="Benchmark"/> model.</summary>
internal static class BenchmarkMapper
{
    public static Benchmark Map(RawElement benchmark)
    {
        var profiles = benchmark.ChildrenNamed("Profile").Select(MapProfile).ToArray();
        CheckProfileChains(benchmark, profiles);
        var platforms = (benchmark.Child("platform-specification")?.ChildrenNamed("platform") ?? [])
            .Select(p => new CpePlatform(p.Required("id"), MapLogicalTest(p.Child("logical-test") ?? throw new ScapFormatException(p.Name, p.Line, "no logical-test"))))
            .ToArray();
        Unique(benchmark, "platform", platforms.Select(p => p.Id));
        var mapped = new Benchmark(
            benchmark.Required("id"),
            TextOf(benchmark, "title"),
            TextOf(benchmark, "version"),
            profiles,
            benchmark.ChildrenNamed("Value").Select(MapValue).ToArray(),
            benchmark.ChildrenNamed("Group").Select(MapGroup).ToArray(),
            benchmark.ChildrenNamed("Rule").Select(MapRule).ToArray())
        {
            Platforms = Platforms(benchmark),
            PlatformSpecifications = platforms.ToDictionary(p => p.Id, StringComparer.Ordinal),
        };
        Unique(benchmark, "rule", mapped.AllRules().Select(r => r.Rule.Id));
        Unique(benchmark, "group", AllGroups(mapped.Groups).Select(g => g.Id));
        return mapped;
    }

    /// <summary>A format error when an id is given twice: XCCDF ids are unique, and everything after looks items up by id.</summary>
    private static void Unique(RawElement benchmark, string kind, IEnumerable<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                throw new ScapFormatException("Benchmark", benchmark.Line, $"two {kind}s with id {id}");
            }
        }
    }

    private static IEnumerable<Group> AllGroups(IReadOnlyList<Group> groups) => groups.Concat(groups.SelectMany(g => AllGroups(g.Groups)));

    /// <summary>Maps a logical test and the tests nested in it, without recursion (a hostile stream may nest them deeply).</summary>
    private static CpeLogicalTest MapLogicalTest(RawElement root)
    {
        var order = new List<RawElement>();
        var pending = new Stack<RawElement>([root]);
        while (pending.TryPop(out var test))
        {
            order.Add(test);
            foreach (var child in test.ChildrenNamed("logical-test"))
            {
                pending.Push(child);
            }
        }

        var mapped = new Dictionary<RawElement, CpeLogicalTest>(ReferenceEqualityComparer.Instance);
        foreach (var test in Enumerable.Reverse(order))
        {
            mapped[test] = new CpeLogicalTest(
                test.Required("operator"),
                Flag(test, "negate", false),
                test.ChildrenNamed("logical-test").Select(t => mapped[t]).ToArray(),
                test.ChildrenNamed("fact-ref").Select(f => f.Required("name")).ToArray(),
                test.ChildrenNamed("check-fact-ref").Select(c => new CheckContentRef(c.Required("href"), c.Required("id-ref"))).ToArray());
        }

        return mapped[root];
    }

    private static Profile MapProfile(RawElement profile) => new(
        profile.Required("id"),
        TextOf(profile, "title"),
        TextOf(profile, "description"),
        profile.Attribute("extends"),
        profile.ChildrenNamed("select").Select(s => new ProfileSelect(s.Required("idref"), Flag(s, "selected", true))).ToArray(),
        profile.ChildrenNamed("refine-value").Select(r => new RefineValue(r.Required("idref"), r.Required("selector"))).ToArray(),
        profile.ChildrenNamed("set-value").Select(s => new SetValue(s.Required("idref"), s.Text)).ToArray());

    private static Group MapGroup(RawElement group) => new(
        group.Required("id"),
        TextOf(group, "title"),
        Flag(group, "selected", true),
        Platforms(group),
        group.ChildrenNamed("Value").Select(MapValue).ToArray(),
        group.ChildrenNamed("Group").Select(MapGroup).ToArray(),
        group.ChildrenNamed("Rule").Select(MapRule).ToArray())
    {
        Weight = Weight(group),
    };

    private static Rule MapRule(RawElement rule) => new(
        rule.Required("id"),
        TextOf(rule, "title"),
        rule.Attribute("severity") ?? "unknown",
        Flag(rule, "selected", true),
        Platforms(rule),
        rule.ChildrenNamed("check").Select(MapCheck).ToArray())
    {
        Weight = Weight(rule),
    };

    private static RuleCheck MapCheck(RawElement check) => new(
        check.Required("system"),
        check.ChildrenNamed("check-content-ref").Select(c => new CheckContentRef(c.Required("href"), c.Attribute("name"))).ToArray(),
        check.ChildrenNamed("check-export").Select(e => new CheckExport(e.Required("value-id"), e.Required("export-name"))).ToArray())
    {
        Negate = Flag(check, "negate", false),
    };

    /// <summary>An item's weight: a non-negative decimal, 1 when absent.</summary>
    private static double Weight(RawElement item) => item.Attribute("weight") switch
    {
        null => 1,
        var text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var weight) && weight >= 0 && double.IsFinite(weight) => weight,
        var text => throw new ScapFormatException(item.Name, item.Line, $"weight \"{text}\" is not a non-negative number"),
    };

    private static XccdfValue MapValue(RawElement value)
    {
        var bySelector = new Dictionary<string, string>();
        string? defaultValue = null;
        foreach (var choice in value.ChildrenNamed("value"))
        {
            if (choice.Attribute("selector") is { } selector)
            {
                bySelector[selector] = choice.Text;
            }
            else
            {
                defaultValue = choice.Text;
            }
        }

        return new XccdfValue(value.Required("id"), value.Attribute("type") ?? "string", defaultValue, bySelector);
    }

    private static string[] Platforms(RawElement item) => item.ChildrenNamed("platform").Select(p => p.Required("idref")).ToArray();

    private static string TextOf(RawElement parent, string child) => parent.Child(child)?.Text ?? "";

    private static bool Flag(RawElement element, string name, bool absent) => element.Attribute(name) switch
    {
        null => absent,
        "true" or "1" => true,
        "false" or "0" => false,
        var other => throw new ScapFormatException(element.Name, element.Line, $"{name}=\"{other}\" is not a boolean"),
    };

    /// <summary>Every <c>extends</c> names a profile of this benchmark, and no chain loops, so resolving one always ends.</summary>
    private static void CheckProfileChains(RawElement benchmark, Profile[] profiles)
    {
        var byId = new Dictionary<string, Profile>();
        foreach (var profile in profiles)
        {
            if (!byId.TryAdd(profile.Id, profile))
            {
                throw new ScapFormatException("Profile", benchmark.Line, $"two profiles with id {profile.Id}");
            }
        }

        foreach (var profile in profiles)
        {
            var seen = new HashSet<string>();
            for (var current = profile; current.Extends is { } parent; current = byId[parent])
            {
                if (!byId.ContainsKey(parent) || !seen.Add(current.Id))
                {
                    throw new ScapFormatException("Profile", benchmark.Line, $"profile {profile.Id} extends {parent}, which is missing or loops");
                }
            }
        }
    }
}
