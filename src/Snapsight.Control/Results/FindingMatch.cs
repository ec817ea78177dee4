namespace Snapsight.Control.Results;

/// <summary>A stored finding's evidence, one advisory stretch its version fell in (kept as JSON on the finding's row).</summary>
public sealed class FindingMatch
{
    public required string Advisory { get; set; }

    public string? Introduced { get; set; }

    public string? Fixed { get; set; }

    public string? LastAffected { get; set; }
}
