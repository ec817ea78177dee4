namespace Snapsight.Server.WebConsole;

/// <summary>A profile's rule results over the fleet's current runs: passed and failed rules (others, such as not applicable, aside).</summary>
public sealed record ComplianceScore(string Profile, int Passed, int Failed)
{
    public int? Percent => Passed + Failed == 0 ? null : (int)Math.Floor(100.0 * Passed / (Passed + Failed));
}
