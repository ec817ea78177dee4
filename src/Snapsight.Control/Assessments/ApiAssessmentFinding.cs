namespace Snapsight.Control.Assessments;

/// <summary>One finding of an API-based assessment as stored and shown: the advisory, the package and version it was found in, the fix, the severity.</summary>
public sealed record ApiAssessmentFinding(string Id, string Package, string Version, string? FixedVersion, string Severity);
