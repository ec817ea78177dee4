namespace Snapsight.Control.Results;

/// <summary>
/// What makes two runs' findings "the same finding": the vulnerability in the package. The installed
/// version is left out on purpose, so an upgrade that is still vulnerable is not "fixed" plus "new".
/// </summary>
public readonly record struct FindingKey(string VulnerabilityId, string PackageName);
