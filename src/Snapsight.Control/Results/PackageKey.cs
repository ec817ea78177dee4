namespace Snapsight.Control.Results;

/// <summary>What makes two runs' packages "the same package": ecosystem, name and architecture; the version is what may change.</summary>
public readonly record struct PackageKey(string Type, string Name, string? Arch);
