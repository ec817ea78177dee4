using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Fuzz.Targets;

/// <summary>One rpm header blob: validation, then every field and the file list.</summary>
public sealed class RpmHeaderFuzzTarget : IFuzzTarget
{
    public string Name => "rpm-header";

    public void Run(ReadOnlySpan<byte> input)
    {
        var header = RpmHeader.Parse(input.ToArray());
        foreach (var tag in (ReadOnlySpan<int>)[RpmTag.Name, RpmTag.Version, RpmTag.Release, RpmTag.Arch, RpmTag.SourceRpm, RpmTag.License, RpmTag.Vendor, RpmTag.ModularityLabel])
        {
            _ = header.GetString(tag);
        }

        _ = header.GetInt32(RpmTag.Epoch);
        _ = header.GetFiles();
    }
}
