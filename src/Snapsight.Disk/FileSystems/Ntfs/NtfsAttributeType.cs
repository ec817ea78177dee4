namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>The attribute types this reader looks for (ntfs-3g layout.h ATTR_TYPES).</summary>
internal static class NtfsAttributeType
{
    public const uint AttributeList = 0x20;
    public const uint FileName = 0x30;
    public const uint Data = 0x80;
    public const uint IndexRoot = 0x90;
    public const uint IndexAllocation = 0xA0;
}
