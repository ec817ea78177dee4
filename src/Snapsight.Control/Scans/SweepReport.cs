namespace Snapsight.Control.Scans;

/// <summary>What one sweep did: snapshots deleted, kept (an active run's), and the scopes it could not list.</summary>
public sealed class SweepReport
{
    public List<string> Deleted { get; } = [];

    public List<string> Kept { get; } = [];

    public List<string> Errors { get; } = [];
}
