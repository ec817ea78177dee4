namespace Snapsight.Advisories.Model;

/// <summary>
/// Which package universe an advisory speaks of: a distribution release ("debian", "12";
/// "alpine", "3.18"; "amazon", "2023"; "almalinux", "9") or a language ecosystem with an empty
/// release ("pypi", ""; "npm", ""). Ecosystem names are lower case and are the keys of
/// <see cref="Ecosystems"/>; matching looks advisories up by exactly this pair, so Debian 12's
/// packages never meet Debian 11's advisories.
/// </summary>
public readonly record struct AdvisoryScope(string Ecosystem, string Release)
{
    public override string ToString() => Release.Length == 0 ? Ecosystem : $"{Ecosystem} {Release}";
}
