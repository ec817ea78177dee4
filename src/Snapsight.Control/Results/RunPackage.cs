namespace Snapsight.Control.Results;

/// <summary>One installed package: <paramref name="Type"/> is its ecosystem (dpkg, rpm, apk, python…), <paramref name="Source"/> its source package.</summary>
public sealed record RunPackage(string Type, string Name, string Version, string? Arch, string? Purl, string? Source);
