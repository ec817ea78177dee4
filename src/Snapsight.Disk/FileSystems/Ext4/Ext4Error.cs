namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>Builds the <see cref="DiskFormatException"/>s of the ext4 layer, so every one names "ext4".</summary>
internal static class Ext4Error
{
    public const string Layer = "ext4";

    public static DiskFormatException At(string structure, long offset, string problem) =>
        new(Layer, structure, offset, problem);
}
