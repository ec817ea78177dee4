namespace Snapsight.Advisories.Versions;

/// <summary>
/// Semantic Versioning 2.0 (npm, crates.io, and Go through <see cref="GoVersionComparer"/>):
/// <c>major.minor.patch[-prerelease][+build]</c>, a release above its pre-releases, build
/// metadata ignored. Lenient where advisories are: a leading <c>v</c>, leading zeros, a missing
/// minor or patch (zero), and further numeric parts (<c>1.2.3.4</c>, treated as build metadata).
/// </summary>
public class SemVerComparer : VersionComparer
{
    public static SemVerComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.SemVer;

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => TrySplit(version, 3, out _, out _);

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => CompareParts(a, b, 3, ignoreCase: false);

    /// <summary>Shared with NuGet, which allows four release numbers and ignores case in pre-releases.</summary>
    internal static int CompareParts(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int releaseParts, bool ignoreCase)
    {
        TrySplit(a, releaseParts, out var releaseA, out var prereleaseA);
        TrySplit(b, releaseParts, out var releaseB, out var prereleaseB);
        var order = DottedNumbers.Compare(releaseA, releaseB);
        if (order != 0)
        {
            return order;
        }

        if (prereleaseA.IsEmpty || prereleaseB.IsEmpty)
        {
            return prereleaseA.IsEmpty.CompareTo(prereleaseB.IsEmpty);
        }

        return Identifiers.Compare(prereleaseA, prereleaseB, ".", numbersFirst: true, ignoreCase);
    }

    internal static bool TrySplit(ReadOnlySpan<char> version, int releaseParts, out ReadOnlySpan<char> release, out ReadOnlySpan<char> prerelease)
    {
        version = version.Trim(' ');
        if (!version.IsEmpty && version[0] is 'v' or 'V')
        {
            version = version[1..];
        }

        release = version[..DottedNumbers.Measure(version, releaseParts)];
        prerelease = default;
        var rest = version[release.Length..];
        if (release.IsEmpty)
        {
            return false;
        }

        // Numeric parts beyond the release ones say nothing about order, like build metadata.
        var extra = rest.IsEmpty || rest[0] != '.' ? 0 : 1 + DottedNumbers.Measure(rest[1..], int.MaxValue);
        if (extra == 1)
        {
            return false;
        }

        rest = rest[extra..];
        var plus = rest.IndexOf('+');
        var build = plus < 0 ? default : rest[(plus + 1)..];
        rest = plus < 0 ? rest : rest[..plus];
        if (!rest.IsEmpty)
        {
            if (rest[0] != '-')
            {
                return false;
            }

            prerelease = rest[1..];
            if (!Identifiers.AreWellFormed(prerelease, ".", allowHyphen: true))
            {
                return false;
            }
        }

        return plus < 0 || IsWellFormedBuild(build);
    }

    private static bool IsWellFormedBuild(ReadOnlySpan<char> build)
    {
        foreach (var c in build)
        {
            if (!Digits.IsDigit(c) && !Digits.IsAsciiLetter(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }

        return !build.IsEmpty;
    }
}
