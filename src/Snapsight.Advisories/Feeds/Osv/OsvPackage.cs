namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>The package an affected entry names; any part may be absent (a GIT-only entry names none).</summary>
public sealed record OsvPackage(string? Ecosystem, string? Name, string? Purl);
