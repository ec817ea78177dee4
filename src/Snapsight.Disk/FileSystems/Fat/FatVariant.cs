namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>The width of a FAT entry, decided by the cluster count alone (specification section 3.5).</summary>
public enum FatVariant
{
    Fat12,
    Fat16,
    Fat32,
}
