namespace Snapsight.Control.Results;

/// <summary>A package present in both runs whose version changed; several installed versions read "1.0, 1.1".</summary>
public sealed record PackageChange(PackageKey Package, string PreviousVersion, string Version);
