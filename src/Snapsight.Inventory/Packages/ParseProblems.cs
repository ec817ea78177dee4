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

    /// <summary>
    /// Records how a parse ended early, if it did: a bound reached at <paramref name="lineNumber"/>
    /// (<paramref name="stoppedBecause"/>), and a file longer than the total bound of which only
    /// the first <paramref name="keptBytes"/> were read.
    /// </summary>
    public void AddEnding(int lineNumber, string? stoppedBecause, bool cut, long maxTotalBytes, int keptBytes)
    {
        if (stoppedBecause is not null)
        {
            Add(lineNumber, $"{stoppedBecause}; stopped reading, the packages after this line are missing");
        }

        if (cut)
        {
            Add(lineNumber, $"file is larger than {maxTotalBytes} bytes; the packages after byte {keptBytes} are missing");
        }
    }

    public IReadOnlyList<string> ToList() =>
        omitted == 0 ? kept : [.. kept, $"{location}: {omitted} further problems not listed"];
}
