using Snapsight.Disk.Lvm;

namespace Snapsight.Fuzz.Targets;

/// <summary>The input is LVM2 metadata text: tokenizer, parser and the volume group interpretation.</summary>
public sealed class LvmMetadataTextTarget : IFuzzTarget
{
    public string Name => "lvm-metadata-text";

    public void Run(ReadOnlySpan<byte> input) => VolumeGroupMetadataReader.Read(MetadataParser.Parse(input, 0));
}
