namespace Snapsight.Inventory.Packages;

/// <summary>
/// The problems met while parsing one database file, each prefixed with the file and line,
/// kept up to <see cref="PackageDatabaseLimits.MaxProblems"/> and then counted.
/// </summary>
internal sealed class ParseProblems(string location, int maxProblems)
{
    private readonly List<string> kept = [];
    private int omitted;

    public void Add(int lineNumber, string problem)
    {
        if (kept.Count < maxProblems)
        {
            kept.Add($"{location} line {lineNumber}: {problem}");
        }
        else
        {
            omitted++;
        }
    }

    public IReadOnlyList<string> ToList() =>
        omitted == 0 ? kept : [.. kept, $"{location}: {omitted} further problems not listed"];
}
