namespace Snapsight.Advisories.Model;

/// <summary>
/// Where a package stands against a vulnerability. <see cref="Fixed"/> means a fixed version
/// exists; the others say why there is none (CONTRACTS.md spells them in snake case).
/// </summary>
public enum AffectedStatus
{
    Fixed,
    Affected,
    WillNotFix,
    FixDeferred,
    EndOfLife,
    UnderInvestigation,
    NotAffected,
}
