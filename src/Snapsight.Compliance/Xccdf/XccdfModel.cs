namespace Snapsight.Compliance.Xccdf;

/// <summary>An XCCDF 1.2 benchmark: its profiles, values, and the tree of groups and rules.</summary>
public sealed record Benchmark(
    string Id,
    string Title,
    string Version,
    IReadOnlyList<Profile> Profiles,
    IReadOnlyList<XccdfValue> Values,
    IReadOnlyList<Group> Groups,
    IReadOnlyList<Rule> Rules)
{
    /// <summary>The platforms the whole benchmark applies to (CPE names such as <c>cpe:/o:debian:debian:11</c>).</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>The CPE applicability language platforms that <c>#id</c> platform references name, by id.</summary>
    public IReadOnlyDictionary<string, CpePlatform> PlatformSpecifications { get; init; } = new Dictionary<string, CpePlatform>();

    /// <summary>Every rule, depth first, with the ids of the groups around it (outermost first).</summary>
    public IEnumerable<(Rule Rule, IReadOnlyList<Group> Ancestors)> AllRules() => RulesIn(Rules, Groups, []);

    /// <summary>Every value, at the top or in any group.</summary>
    public IEnumerable<XccdfValue> AllValues() => Values.Concat(Groups.SelectMany(g => g.AllValues()));

    private static IEnumerable<(Rule, IReadOnlyList<Group>)> RulesIn(IReadOnlyList<Rule> rules, IReadOnlyList<Group> groups, IReadOnlyList<Group> ancestors) =>
        rules.Select(r => (r, ancestors))
            .Concat(groups.SelectMany(g => RulesIn(g.Rules, g.Groups, [.. ancestors, g])));
}

/// <summary>A profile: what it changes from the benchmark's defaults, and the profile it extends.</summary>
public sealed record Profile(
    string Id,
    string Title,
    string Description,
    string? Extends,
    IReadOnlyList<ProfileSelect> Selects,
    IReadOnlyList<RefineValue> RefineValues,
    IReadOnlyList<SetValue> SetValues);

public sealed record ProfileSelect(string IdRef, bool Selected);

public sealed record RefineValue(string IdRef, string Selector);

public sealed record SetValue(string IdRef, string Value);

public sealed record Group(
    string Id,
    string Title,
    bool Selected,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<XccdfValue> Values,
    IReadOnlyList<Group> Groups,
    IReadOnlyList<Rule> Rules)
{
    /// <summary>The group's weight in the score (XCCDF default 1).</summary>
    public double Weight { get; init; } = 1;

    public IEnumerable<XccdfValue> AllValues() => Values.Concat(Groups.SelectMany(g => g.AllValues()));
}

/// <summary>A rule; <see cref="Severity"/> is "unknown" when the content does not say.</summary>
public sealed record Rule(
    string Id,
    string Title,
    string Severity,
    bool Selected,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<RuleCheck> Checks)
{
    /// <summary>The rule's weight in the score (XCCDF default 1).</summary>
    public double Weight { get; init; } = 1;
}

/// <summary>One check of a rule: the checking system's namespace, where its content is, and the values it passes in.</summary>
public sealed record RuleCheck(
    string System,
    IReadOnlyList<CheckContentRef> ContentRefs,
    IReadOnlyList<CheckExport> Exports)
{
    /// <summary>The check's pass and fail swap (<c>negate="true"</c>).</summary>
    public bool Negate { get; init; }
}

/// <summary>For OVAL: <see cref="Href"/> names the OVAL document, <see cref="Name"/> the definition id.</summary>
public sealed record CheckContentRef(string Href, string? Name);

/// <summary>An XCCDF value handed to the check as the (OVAL external) variable <see cref="ExportName"/>.</summary>
public sealed record CheckExport(string ValueId, string ExportName);

/// <summary>A tailorable value: its type, its default, and the alternatives a profile may pick by selector.</summary>
public sealed record XccdfValue(
    string Id,
    string Type,
    string? DefaultValue,
    IReadOnlyDictionary<string, string> ValuesBySelector);
