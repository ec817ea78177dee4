namespace Snapsight.Control.Results;

/// <summary>
/// What made the scanner report a finding: the installed package's ecosystem and where it was found
/// (<paramref name="Location"/>: the package database or the file, e.g. <c>var/lib/dpkg/status</c> or a jar's
/// path), the name and version looked up (Debian's source package, rpm's epoch), and each advisory
/// stretch the version fell in.
/// </summary>
public sealed record RunFindingEvidence(string PackageType, string? Location, string? MatchedName, string? MatchedVersion,
    IReadOnlyList<RunMatch> Matches);
