namespace Snapsight.Advisories.Feeds.RedHatCsaf;

/// <summary>What one CSAF product id stands for: a binary rpm (name, EVR when the document gives one, module stream) in a RHEL major release.</summary>
public sealed record RedHatProduct(string Release, string Package, string? Version, string? Module);
