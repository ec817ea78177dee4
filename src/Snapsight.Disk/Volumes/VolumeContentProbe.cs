using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.FileSystems.Fat;
using Snapsight.Disk.FileSystems.Xfs;
using Snapsight.Disk.Lvm;

namespace Snapsight.Disk.Volumes;

/// <summary>
/// Tells what a volume holds from its first <see cref="HeadLength"/> bytes. Every probe runs on
/// its own and none may throw, so one format's quirk cannot hide another (a DiscUtils bug).
/// Names and flags in the partition table are ignored: only the content decides.
/// </summary>
public static class VolumeContentProbe
{
    /// <summary>Enough for every signature in <see cref="Identify"/>: the ext superblock ends at 2048, swap's at 4096.</summary>
    public const int HeadLength = 4096;

    /// <summary>btrfs keeps its primary superblock at 64 KiB, with the magic 0x40 bytes in; read only when nothing else matched.</summary>
    public const long BtrfsSuperblockOffset = 0x10000;

    // LUKS1/LUKS2 primary header "LUKS\xba\xbe"; LUKS2's secondary header "SKUL\xba\xbe" (cryptsetup's on-disk format).
    private static ReadOnlySpan<byte> LuksMagic => [0x4C, 0x55, 0x4B, 0x53, 0xBA, 0xBE];

    private static ReadOnlySpan<byte> Luks2SecondaryMagic => [0x53, 0x4B, 0x55, 0x4C, 0xBA, 0xBE];

    public static VolumeContent Identify(ReadOnlySpan<byte> head)
    {
        if (Matches(head, 0, LuksMagic) || Matches(head, 0, Luks2SecondaryMagic))
        {
            return VolumeContent.Luks;
        }

        if (SafeProbe(LvmPhysicalVolume.Probe, head))
        {
            return VolumeContent.LvmPhysicalVolume;
        }

        if (SafeProbe(XfsFileSystem.Probe, head))
        {
            return VolumeContent.Xfs;
        }

        if (SafeProbe(Ext4FileSystem.Probe, head))
        {
            return VolumeContent.Ext;
        }

        if (Matches(head, 3, "NTFS    "u8))
        {
            return VolumeContent.Ntfs;
        }

        if (SafeProbe(FatFileSystem.Probe, head))
        {
            return VolumeContent.Fat;
        }

        if (Matches(head, 4086, "SWAPSPACE2"u8) || Matches(head, 4086, "SWAP-SPACE"u8))
        {
            return VolumeContent.Swap;
        }

        return head.IndexOfAnyExcept((byte)0) < 0 ? VolumeContent.Empty : VolumeContent.Unknown;
    }

    /// <summary>Checks the block read at <see cref="BtrfsSuperblockOffset"/>.</summary>
    public static bool IsBtrfsSuperblock(ReadOnlySpan<byte> block) => Matches(block, 0x40, "_BHRfS_M"u8);

    private static bool Matches(ReadOnlySpan<byte> head, int offset, ReadOnlySpan<byte> signature) =>
        head.Length >= offset + signature.Length && head.Slice(offset, signature.Length).SequenceEqual(signature);

    private delegate bool Probe(ReadOnlySpan<byte> head);

    private static bool SafeProbe(Probe probe, ReadOnlySpan<byte> head)
    {
        try
        {
            return probe(head);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Probes are written not to throw; if one does, it simply does not match.
            return false;
        }
    }
}
