namespace Snapsight.Control.Results;

/// <summary>The operating system a run found, e.g. <c>debian</c>, <c>Debian GNU/Linux</c>, <c>12</c>; null parts were not found.</summary>
public sealed record RunOs(string? Family, string? Name, string? Version);
