namespace Snapsight.Compliance.Xccdf;

/// <summary>
/// What a profile means once its <c>extends</c> chain is followed: the rules it selects (in
/// benchmark order) and the values it refines or sets (value id → the value text in force).
/// <see cref="ProfileId"/> is null for the benchmark's default selection.
/// </summary>
public sealed record EffectiveProfile(string? ProfileId, IReadOnlyList<string> SelectedRuleIds, IReadOnlyDictionary<string, string> Values);
