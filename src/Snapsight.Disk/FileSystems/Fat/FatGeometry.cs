using System.Buffers.Binary;
using System.Numerics;
using L = Snapsight.Disk.FileSystems.Fat.FatBootSectorLayout;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// The validated shape of a FAT volume, computed from its boot sector exactly as the Microsoft
/// FAT specification sections 3.1–3.5 compute it. Every byte offset is checked against the
/// volume's end, so later reads only need to stay inside the ranges this type hands out.
/// </summary>
internal sealed record FatGeometry
{
    private const string Layer = "vfat";
    private const string Structure = "fat.boot_sector";

    /// <summary>The spec discourages clusters over 32 KiB; Windows NT reads 64 KiB ones, so we accept those too.</summary>
    private const int MaxClusterSize = 64 * 1024;

    public required FatVariant Variant { get; init; }
    public required int BytesPerSector { get; init; }
    public required int ClusterSize { get; init; }
    public required uint ClusterCount { get; init; }
    public required int BitsPerFatEntry { get; init; }

    /// <summary>Byte offset of the FAT copy we read (the active one when FAT32 mirroring is off).</summary>
    public required long FatOffset { get; init; }
    public required long FatLength { get; init; }

    /// <summary>FAT12/16 only: the fixed root directory region.</summary>
    public required long RootDirectoryOffset { get; init; }
    public required int RootDirectoryLength { get; init; }

    /// <summary>FAT32 only: first cluster of the root directory; 0 on FAT12/16.</summary>
    public required uint RootCluster { get; init; }

    public required long DataOffset { get; init; }
    public required long VolumeLength { get; init; }
    public required uint? VolumeSerial { get; init; }
    public required string? BootSectorLabel { get; init; }

    /// <summary>The highest valid cluster number: clusters are numbered from 2.</summary>
    public uint MaxCluster => ClusterCount + 1;

    public bool IsValidCluster(uint cluster) => cluster >= 2 && cluster <= MaxCluster;

    public long ClusterOffset(uint cluster) => DataOffset + ((long)(cluster - 2) * ClusterSize);

    /// <summary>Validates the boot sector; throws a <see cref="DiskFormatException"/> naming the bad field.</summary>
    public static FatGeometry Parse(ReadOnlySpan<byte> sector, long deviceLength) =>
        TryParse(sector, deviceLength, out var problem) ?? throw new DiskFormatException(Layer, Structure, 0, problem);

    /// <summary>The never-throwing form the probe uses; <paramref name="problem"/> says what was wrong.</summary>
    public static FatGeometry? TryParse(ReadOnlySpan<byte> sector, long deviceLength, out string problem)
    {
        problem = "";
        if (sector.Length < L.Size)
        {
            problem = $"only {sector.Length} bytes, a boot sector has {L.Size}";
            return null;
        }

        var signature = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.SignatureOffset..]);
        if (signature != L.Signature)
        {
            problem = $"signature 0x{signature:X4} at offset {L.SignatureOffset}, expected 0xAA55 (bytes 55 AA)";
            return null;
        }

        // Section 3.1: BS_jmpBoot is EB ?? 90 or E9 ?? ??.
        if (!(sector[L.BS_jmpBoot] == 0xEB && sector[L.BS_jmpBoot + 2] == 0x90) && sector[L.BS_jmpBoot] != 0xE9)
        {
            problem = $"jump instruction {sector[0]:X2} {sector[1]:X2} {sector[2]:X2} is neither EB ?? 90 nor E9 ?? ??";
            return null;
        }

        int bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_BytsPerSec..]);
        if (bytesPerSector is < 512 or > 4096 || !BitOperations.IsPow2(bytesPerSector))
        {
            problem = $"BPB_BytsPerSec {bytesPerSector} is not 512, 1024, 2048 or 4096";
            return null;
        }

        int sectorsPerCluster = sector[L.BPB_SecPerClus];
        if (sectorsPerCluster == 0 || !BitOperations.IsPow2(sectorsPerCluster))
        {
            problem = $"BPB_SecPerClus {sectorsPerCluster} is not a power of two from 1 to 128";
            return null;
        }

        var clusterSize = bytesPerSector * sectorsPerCluster;
        if (clusterSize > MaxClusterSize)
        {
            problem = $"cluster size {clusterSize} ({bytesPerSector} x {sectorsPerCluster}) exceeds {MaxClusterSize}";
            return null;
        }

        long reservedSectors = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_RsvdSecCnt..]);
        int fatCount = sector[L.BPB_NumFATs];
        int rootEntryCount = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_RootEntCnt..]);
        long totalSectors16 = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_TotSec16..]);
        long totalSectors = totalSectors16 != 0 ? totalSectors16 : BinaryPrimitives.ReadUInt32LittleEndian(sector[L.BPB_TotSec32..]);
        long fatSize16 = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_FATSz16..]);
        long fatSize = fatSize16 != 0 ? fatSize16 : BinaryPrimitives.ReadUInt32LittleEndian(sector[L.BPB_FATSz32..]);
        var media = sector[L.BPB_Media];

        problem = reservedSectors == 0 ? "BPB_RsvdSecCnt is 0; the boot sector itself is reserved"
            : fatCount == 0 ? "BPB_NumFATs is 0; a volume needs at least one FAT"
            : totalSectors == 0 ? "both BPB_TotSec16 and BPB_TotSec32 are 0"
            : fatSize == 0 ? "both BPB_FATSz16 and BPB_FATSz32 are 0"
            : media is not (0xF0 or >= 0xF8) ? $"BPB_Media 0x{media:X2} is not 0xF0 or 0xF8-0xFF"
            : "";
        if (problem.Length != 0)
        {
            return null;
        }

        var volumeLength = totalSectors * bytesPerSector;
        if (volumeLength > deviceLength)
        {
            problem = $"the volume claims {totalSectors} sectors ({volumeLength} bytes) but the device holds {deviceLength} bytes";
            return null;
        }

        // Section 3.5: the variant follows from the count of data clusters, nothing else.
        long rootDirectorySectors = ((rootEntryCount * 32L) + bytesPerSector - 1) / bytesPerSector;
        var metadataSectors = reservedSectors + (fatCount * fatSize) + rootDirectorySectors;
        if (totalSectors <= metadataSectors)
        {
            problem = $"total sectors {totalSectors} leave no data area after the reserved, FAT and root directory sectors ({metadataSectors})";
            return null;
        }

        var clusterCount = (totalSectors - metadataSectors) / sectorsPerCluster;
        if (clusterCount == 0)
        {
            problem = $"{totalSectors - metadataSectors} data sectors hold no whole cluster of {sectorsPerCluster} sectors";
            return null;
        }

        var variant = clusterCount < 4085 ? FatVariant.Fat12 : clusterCount < 65525 ? FatVariant.Fat16 : FatVariant.Fat32;
        var bitsPerEntry = variant switch { FatVariant.Fat12 => 12, FatVariant.Fat16 => 16, _ => 32 };

        // FAT32 entries carry 28 bits; the largest values are reserved, so at most 0x0FFFFFF5 clusters exist.
        if (clusterCount > 0x0FFFFFF5)
        {
            problem = $"cluster count {clusterCount} exceeds the FAT32 maximum 0x0FFFFFF5";
            return null;
        }

        var fatBytes = fatSize * bytesPerSector;
        if (fatBytes * 8 / bitsPerEntry < clusterCount + 2)
        {
            problem = $"a FAT of {fatSize} sectors holds {fatBytes * 8 / bitsPerEntry} {variant} entries, fewer than the {clusterCount + 2} the volume needs";
            return null;
        }

        uint rootCluster = 0;
        var activeFat = 0;
        if (variant == FatVariant.Fat32)
        {
            rootCluster = BinaryPrimitives.ReadUInt32LittleEndian(sector[L.BPB_RootClus..]) & 0x0FFFFFFF;
            var extFlags = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_ExtFlags..]);
            var version = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BPB_FSVer..]);

            // Bit 7 of BPB_ExtFlags turns mirroring off; bits 0-3 then name the one FAT in use.
            activeFat = (extFlags & 0x80) != 0 ? extFlags & 0x0F : 0;
            problem = rootEntryCount != 0 ? $"BPB_RootEntCnt {rootEntryCount} must be 0 on FAT32"
                : fatSize16 != 0 ? $"BPB_FATSz16 {fatSize16} must be 0 on FAT32"
                : version != 0 ? $"BPB_FSVer 0x{version:X4} is not version 0.0"
                : rootCluster < 2 || rootCluster > clusterCount + 1 ? $"BPB_RootClus {rootCluster} is outside clusters 2..{clusterCount + 1}"
                : activeFat >= fatCount ? $"BPB_ExtFlags names FAT {activeFat} of {fatCount}"
                : "";
        }
        else if (rootEntryCount == 0)
        {
            problem = $"BPB_RootEntCnt is 0 on {variant}, which keeps its root directory in a fixed region";
        }

        if (problem.Length != 0)
        {
            return null;
        }

        var extended = variant == FatVariant.Fat32
            ? (Sig: L.Fat32_BS_BootSig, Id: L.Fat32_BS_VolID, Label: L.Fat32_BS_VolLab)
            : (Sig: L.Fat16_BS_BootSig, Id: L.Fat16_BS_VolID, Label: L.Fat16_BS_VolLab);
        var hasExtendedBpb = sector[extended.Sig] == L.ExtendedBootSignature;

        return new FatGeometry
        {
            Variant = variant,
            BytesPerSector = bytesPerSector,
            ClusterSize = clusterSize,
            ClusterCount = (uint)clusterCount,
            BitsPerFatEntry = bitsPerEntry,
            FatOffset = (reservedSectors + (activeFat * fatSize)) * bytesPerSector,
            FatLength = fatBytes,
            RootDirectoryOffset = (reservedSectors + (fatCount * fatSize)) * bytesPerSector,
            RootDirectoryLength = rootEntryCount * 32,
            RootCluster = rootCluster,
            DataOffset = metadataSectors * bytesPerSector,
            VolumeLength = volumeLength,
            VolumeSerial = hasExtendedBpb ? BinaryPrimitives.ReadUInt32LittleEndian(sector[extended.Id..]) : null,
            BootSectorLabel = hasExtendedBpb ? FatShortName.DecodeLabel(sector.Slice(extended.Label, L.VolumeLabelLength)) : null,
        };
    }
}
