namespace Snapsight.Disk.Images;

/// <summary>The names <see cref="OpenedDiskImage.Format"/> takes.</summary>
public static class DiskImageFormats
{
    public const string Raw = "raw";
    public const string Qcow2 = "qcow2";
    public const string VmdkMonolithicSparse = "vmdk-monolithicSparse";
    public const string VmdkStreamOptimized = "vmdk-streamOptimized";
    public const string VmdkMonolithicFlat = "vmdk-monolithicFlat";
    public const string VhdFixed = "vhd-fixed";
    public const string VhdDynamic = "vhd-dynamic";
    public const string Vhdx = "vhdx";
}
