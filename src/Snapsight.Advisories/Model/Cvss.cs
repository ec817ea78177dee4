namespace Snapsight.Advisories.Model;

/// <summary>A CVSS vector with its base score, and who scored it ("nvd", "redhat", "osv").</summary>
public sealed record Cvss(string Vector, double? Score, string Source);
