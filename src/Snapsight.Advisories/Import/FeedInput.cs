namespace Snapsight.Advisories.Import;

/// <summary>One file to import: its name for messages and the build record ("feed.tar.gz!osv/ALSA-2023_1.json"), and its content, read once forward.</summary>
public sealed record FeedInput(string Name, Stream Content);
