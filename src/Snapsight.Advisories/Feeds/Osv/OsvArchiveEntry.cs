namespace Snapsight.Advisories.Feeds.Osv;

/// <summary>One JSON file of a feed archive: its record, or why it could not be read (never both).</summary>
public sealed record OsvArchiveEntry(string Name, OsvRecord? Record, OsvFormatException? Error);
