namespace Snapsight.Advisories.Update;

/// <summary>
/// A feed ready for import: its local files, in the order they must be imported, and whether
/// every one of them was unchanged upstream (so the previous import of them still holds).
/// </summary>
public sealed record DownloadedFeed(string Name, string Format, IReadOnlyList<string> Files, bool NotModified);
