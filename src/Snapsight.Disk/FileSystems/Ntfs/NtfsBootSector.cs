using System.Buffers.Binary;
using L = Snapsight.Disk.FileSystems.Ntfs.NtfsBootSectorLayout;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// The validated boot sector: sector and cluster sizes, the volume's extent, where $MFT starts
/// and the sizes of MFT and index records. Every value later arithmetic depends on is checked
/// here, so cluster × size products cannot overflow and no record size can drive an allocation.
/// </summary>
internal sealed class NtfsBootSector
{
    private const string Structure = "ntfs.boot_sector";

    public required int BytesPerSector { get; init; }
    public required int ClusterSize { get; init; }
    public required long ClusterCount { get; init; }
    public required long MftCluster { get; init; }
    public required int MftRecordSize { get; init; }
    public required int IndexRecordSize { get; init; }
    public required ulong SerialNumber { get; init; }

    public long VolumeLength => ClusterCount * ClusterSize;

    /// <summary>Whether the first bytes carry the NTFS OEM id and boot signature (never throws).</summary>
    public static bool Probe(ReadOnlySpan<byte> head) =>
        head.Length >= L.Size && head.Slice(L.OemId, 8).SequenceEqual(L.OemIdValue) && head[L.EndMarker] == 0x55 && head[L.EndMarker + 1] == 0xAA;

    public static NtfsBootSector Parse(ReadOnlySpan<byte> sector, long deviceLength)
    {
        if (sector.Length < L.Size || !sector.Slice(L.OemId, 8).SequenceEqual(L.OemIdValue))
        {
            throw NtfsError.At(Structure, L.OemId, "the OEM id is not \"NTFS    \"");
        }

        if (sector[L.EndMarker] != 0x55 || sector[L.EndMarker + 1] != 0xAA)
        {
            throw NtfsError.At(Structure, L.EndMarker, $"the end marker is 0x{sector[L.EndMarker]:X2}{sector[L.EndMarker + 1]:X2}, not 0x55AA");
        }

        int bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(sector[L.BytesPerSector..]);
        if (bytesPerSector is < L.MinBytesPerSector or > L.MaxBytesPerSector || !int.IsPow2(bytesPerSector))
        {
            throw NtfsError.At(Structure, L.BytesPerSector, $"bytes per sector {bytesPerSector} is not a power of two from {L.MinBytesPerSector} to {L.MaxBytesPerSector}");
        }

        var clusterSize = ClusterSizeOf(sector[L.SectorsPerCluster], bytesPerSector);
        var totalSectors = BinaryPrimitives.ReadInt64LittleEndian(sector[L.TotalSectors..]);
        if (totalSectors <= 0 || totalSectors > deviceLength / bytesPerSector)
        {
            throw NtfsError.At(Structure, L.TotalSectors, $"total sectors {totalSectors} of {bytesPerSector} bytes do not fit the {deviceLength}-byte device");
        }

        var clusterCount = totalSectors * bytesPerSector / clusterSize;
        var mftCluster = BinaryPrimitives.ReadInt64LittleEndian(sector[L.MftCluster..]);
        if (mftCluster <= 0 || mftCluster >= clusterCount)
        {
            throw NtfsError.At(Structure, L.MftCluster, $"$MFT cluster {mftCluster} lies outside the volume's {clusterCount} clusters");
        }

        return new NtfsBootSector
        {
            BytesPerSector = bytesPerSector,
            ClusterSize = clusterSize,
            ClusterCount = clusterCount,
            MftCluster = mftCluster,
            MftRecordSize = RecordSizeOf(sector, L.ClustersPerMftRecord, clusterSize, "MFT"),
            IndexRecordSize = RecordSizeOf(sector, L.ClustersPerIndexRecord, clusterSize, "index"),
            SerialNumber = BinaryPrimitives.ReadUInt64LittleEndian(sector[L.SerialNumber..]),
        };
    }

    /// <summary>Sectors per cluster: 1..128 as a count; above 0x80, Windows' encoding of 2^(256 − value) sectors for clusters over 64 KiB.</summary>
    private static int ClusterSizeOf(byte encoded, int bytesPerSector)
    {
        long sectors = encoded switch
        {
            0 => 0,
            <= 0x80 => encoded,
            _ => 256 - encoded <= 20 ? 1L << (256 - encoded) : 0,
        };
        var clusterSize = sectors * bytesPerSector;
        if (sectors == 0 || !long.IsPow2(sectors) || clusterSize > L.MaxClusterSize)
        {
            throw NtfsError.At(Structure, L.SectorsPerCluster, $"sectors per cluster 0x{encoded:X2} gives {clusterSize}-byte clusters, not a power of two up to {L.MaxClusterSize}");
        }

        return (int)clusterSize;
    }

    /// <summary>A record size: a positive count of clusters, or when negative 2^−value bytes.</summary>
    private static int RecordSizeOf(ReadOnlySpan<byte> sector, int offset, int clusterSize, string what)
    {
        var encoded = (sbyte)sector[offset];
        long size = encoded switch
        {
            > 0 => (long)encoded * clusterSize,
            < 0 when -encoded < 62 => 1L << -encoded,
            _ => 0,
        };
        if (size is < L.MinRecordSize or > L.MaxRecordSize || !long.IsPow2(size))
        {
            throw NtfsError.At(Structure, offset, $"{what} record size {size} (encoded {encoded}) is not a power of two from {L.MinRecordSize} to {L.MaxRecordSize}");
        }

        return (int)size;
    }
}
