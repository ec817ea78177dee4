namespace Snapsight.Advisories.Versions;

/// <summary>
/// Orders the version strings of one ecosystem exactly as its package manager does.
/// A string the ecosystem does not accept as a version is refused rather than guessed at:
/// <see cref="TryCompare"/> says false (matching skips the package and records a gap) and
/// <see cref="IComparer{T}.Compare"/> throws <see cref="VersionFormatException"/>.
/// </summary>
public interface IVersionComparer : IComparer<string>
{
    /// <summary>The ecosystem's name in <see cref="VersionComparers"/> (e.g. "dpkg", "pep440").</summary>
    string Ecosystem { get; }

    /// <summary>Whether this ecosystem can order <paramref name="version"/> at all.</summary>
    bool IsVersion(string version);

    /// <summary>-1, 0 or 1 in <paramref name="order"/>; false when either string is not a version here.</summary>
    bool TryCompare(string a, string b, out int order);
}
