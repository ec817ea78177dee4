namespace Snapsight.Advisories.Model;

/// <summary>The contract's snake-case names of <see cref="AffectedStatus"/>, both ways.</summary>
public static class AffectedStatusNames
{
    public static string Name(AffectedStatus status) => status switch
    {
        AffectedStatus.Fixed => "fixed",
        AffectedStatus.Affected => "affected",
        AffectedStatus.WillNotFix => "will_not_fix",
        AffectedStatus.FixDeferred => "fix_deferred",
        AffectedStatus.EndOfLife => "end_of_life",
        AffectedStatus.UnderInvestigation => "under_investigation",
        AffectedStatus.NotAffected => "not_affected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static AffectedStatus? Parse(string name) => name switch
    {
        "fixed" => AffectedStatus.Fixed,
        "affected" => AffectedStatus.Affected,
        "will_not_fix" => AffectedStatus.WillNotFix,
        "fix_deferred" => AffectedStatus.FixDeferred,
        "end_of_life" => AffectedStatus.EndOfLife,
        "under_investigation" => AffectedStatus.UnderInvestigation,
        "not_affected" => AffectedStatus.NotAffected,
        _ => null,
    };
}
