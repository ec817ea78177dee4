namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>One affected entry: a package, the ranges and the explicit versions it is affected in.</summary>
public sealed record OsvAffected(OsvPackage? Package, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions);
