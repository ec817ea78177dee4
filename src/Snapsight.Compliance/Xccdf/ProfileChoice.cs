namespace Snapsight.Compliance.Xccdf;

/// <summary>
/// The profile a user means: an exact id, or the tail of one after <c>_profile_</c> as OpenSCAP
/// accepts it (<c>standard</c> for <c>xccdf_org.ssgproject.content_profile_standard</c>). Without a
/// choice, the benchmark's <c>standard</c> profile when it has one, else its own default selection
/// (null), refused when that selects nothing.
/// </summary>
public static class ProfileChoice
{
    public static string? Resolve(Benchmark benchmark, string? asked)
    {
        if (asked is null)
        {
            if (FindByTail(benchmark, "standard") is [var standard])
            {
                return standard.Id;
            }

            return ProfileResolver.Resolve(benchmark, null).SelectedRuleIds.Count > 0
                ? null
                : throw new ArgumentException($"the benchmark selects no rule by default: choose a profile ({Names(benchmark.Profiles)})");
        }

        if (benchmark.Profiles.FirstOrDefault(p => p.Id == asked) is { } exact)
        {
            return exact.Id;
        }

        return FindByTail(benchmark, asked) switch
        {
            [var one] => one.Id,
            [] => throw new ArgumentException($"the benchmark has no profile {asked} ({Names(benchmark.Profiles)})"),
            var several => throw new ArgumentException($"{asked} could mean {Names(several)}: give the whole id"),
        };
    }

    private static Profile[] FindByTail(Benchmark benchmark, string tail) =>
        benchmark.Profiles.Where(p => p.Id.EndsWith("_profile_" + tail, StringComparison.Ordinal)).ToArray();

    private static string Names(IEnumerable<Profile> profiles) =>
        profiles.Any() ? "profiles: " + string.Join(", ", profiles.Select(p => p.Id)) : "it has no profiles";
}
