namespace Snapsight.Advisories.Import;

/// <summary>Progress of an import: the file just read and the items stored so far.</summary>
public readonly record struct ImportProgress(string File, long Items);
