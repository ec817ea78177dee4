using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz;

/// <summary>Every fuzz target, in one explicit list.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new Ext4FuzzTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
