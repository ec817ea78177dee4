using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz;

/// <summary>Every fuzz target, in one explicit list.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new Targets.Qcow2FuzzTarget(),
        new Targets.VmdkFuzzTarget(),
        new Targets.VhdFuzzTarget(),
        new Targets.VhdxFuzzTarget(),
        new Targets.PartitionsTarget(),
        new Targets.LvmMetadataTextTarget(),
        new Targets.LvmPhysicalVolumeTarget(),
        new Ext4FuzzTarget(),
        new Targets.XfsFuzzTarget(),
        new Targets.FatFuzzTarget(),
        new Targets.FstabFuzzTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
