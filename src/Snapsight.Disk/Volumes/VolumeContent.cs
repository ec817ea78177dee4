namespace Snapsight.Disk.Volumes;

/// <summary>What the first bytes of a partition or logical volume say it holds.</summary>
public enum VolumeContent
{
    Unknown = 0,
    Empty,
    Ext,
    Xfs,
    Fat,
    LvmPhysicalVolume,
    Luks,
    Swap,
    Ntfs,
    Btrfs,
}
