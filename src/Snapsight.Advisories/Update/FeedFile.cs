namespace Snapsight.Advisories.Update;

/// <summary>One upstream URL of a feed and the name its download gets in the feed's folder.</summary>
public sealed record FeedFile(Uri Url, string LocalName);
