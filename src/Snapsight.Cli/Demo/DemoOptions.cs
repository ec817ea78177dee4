namespace Snapsight.Cli.Demo;

/// <summary>What <c>snapsight demo</c> was asked: folders absolute, advisories empty for "download the feeds", <c>Timeout</c> the wait for the first scans.</summary>
internal sealed record DemoOptions(string DataDirectory, string Urls, IReadOnlyList<string> Advisories, string ImageFolder, bool Once,
    TimeSpan Timeout);
