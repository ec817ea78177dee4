namespace Snapsight.Advisories.Feeds;

/// <summary>One line of a text feed: its 1-based number and its text, or null text when it ran over the cap.</summary>
public readonly record struct BoundedLine(int Number, string? Text)
{
    public bool TooLong => Text is null;
}
