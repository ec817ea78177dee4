namespace Snapsight.Fuzz;

/// <summary>Every fuzz target, in one explicit list.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new Targets.FatFuzzTarget(),
        new Targets.FstabFuzzTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
