namespace Snapsight.Cli.Demo;

/// <summary>What <c>snapsight demo</c> was asked: folders absolute, advisories empty for "download the feeds".</summary>
internal sealed record DemoOptions(string DataDirectory, string Urls, IReadOnlyList<string> Advisories, string ImageFolder, bool Once);
