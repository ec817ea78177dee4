namespace Snapsight.Advisories.Versions;

/// <summary>
/// NuGet versions: SemVer 2.0 with up to four release numbers (<c>1.0</c> = <c>1.0.0.0</c>),
/// pre-release labels compared ignoring case, metadata after <c>+</c> ignored.
/// </summary>
public sealed class NuGetVersionComparer : VersionComparer
{
    public static NuGetVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.NuGet;

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => SemVerComparer.TrySplit(version, 4, out _, out _);

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => SemVerComparer.CompareParts(a, b, 4, ignoreCase: true);
}
