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

    /// <summary>A bound was reached at <paramref name="lineNumber"/> and nothing after it was read.</summary>
    public void AddStop(int lineNumber, string reason) =>
        Add(lineNumber, $"{reason}; stopped reading, the packages after this line are missing");

    /// <summary>The file was longer than the total bound and only its first <paramref name="keptBytes"/> were read.</summary>
    public void AddCut(int lineNumber, long maxTotalBytes, int keptBytes) =>
        Add(lineNumber, $"file is larger than {maxTotalBytes} bytes; the packages after byte {keptBytes} are missing");

    public IReadOnlyList<string> ToList() =>
        omitted == 0 ? kept : [.. kept, $"{location}: {omitted} further problems not listed"];
}
