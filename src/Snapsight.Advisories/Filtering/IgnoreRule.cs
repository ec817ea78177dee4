namespace Snapsight.Advisories.Filtering;

/// <summary>One line of an ignore file: a vulnerability id (matched against ids and aliases), an optional last day it holds, and why.</summary>
public sealed record IgnoreRule(string Id, DateOnly? Until, string? Reason, int Line);
