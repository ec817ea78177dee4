namespace Snapsight.Advisories.Matching;

/// <summary>
/// One advisory stretch an installed version fell in: the feed record (<see cref="Advisory"/>,
/// "osv:AlmaLinux ALSA-2022:6206") and its bounds as the feed gave them. A finding keeps these as
/// its evidence, so a reader can check the match without the store.
/// </summary>
public sealed record MatchedRange(string Advisory, string? Introduced, string? Fixed, string? LastAffected)
{
    /// <summary>The bounds as one line: "&gt;= 1.0, &lt; 1.2", "&lt;= 2.3", or "every version" when the feed set none.</summary>
    public string Constraint => Describe(Introduced, Fixed, LastAffected);

    public static string Describe(string? introduced, string? fixedVersion, string? lastAffected)
    {
        // OSV writes "0" for "from the first version": no lower bound to speak of.
        var lower = introduced is null or "0" ? null : $">= {introduced}";
        var upper = fixedVersion is not null ? $"< {fixedVersion}" : lastAffected is not null ? $"<= {lastAffected}" : null;
        return (lower, upper) switch
        {
            (null, null) => "every version",
            (null, { } u) => u,
            ({ } l, null) => l,
            ({ } l, { } u) => $"{l}, {u}",
        };
    }
}
