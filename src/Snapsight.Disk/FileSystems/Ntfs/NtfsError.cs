namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>Builds the <see cref="DiskFormatException"/>s of the NTFS layer, so every one names "ntfs".</summary>
internal static class NtfsError
{
    public const string Layer = "ntfs";

    public static DiskFormatException At(string structure, long offset, string problem) =>
        new(Layer, structure, offset, problem);
}
