using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// A read-only NTFS volume, as far as it is read today: the boot sector, MFT records located
/// through $MFT's own runlist, and directory lookups by name through the $I30 index B-tree. It
/// is the seed of a later <see cref="IFileSystem"/>; for now it answers whether a path exists
/// (enough to tell a Windows volume). Thread-safe; does not own the device.
/// </summary>
public sealed partial class NtfsVolume
{
    /// <summary>Fixed MFT record numbers of the metadata files we use.</summary>
    public const long MftRecord = 0;
    public const long RootDirectoryRecord = 5;
    public const long UpCaseRecord = 10;

    private const string RecordStructure = "ntfs.file_record";

    private readonly IBlockDevice _device;
    private readonly NtfsBootSector _boot;
    private readonly IReadOnlyList<NtfsRun> _mftRuns;
    private NtfsUpCase? _upCase;

    private NtfsVolume(IBlockDevice device, NtfsBootSector boot, IReadOnlyList<NtfsRun> mftRuns, long recordCount, bool mftHasAttributeList)
    {
        _device = device;
        _boot = boot;
        _mftRuns = mftRuns;
        MftRecordCount = recordCount;
        MftHasAttributeList = mftHasAttributeList;
    }

    public int BytesPerSector => _boot.BytesPerSector;

    public int ClusterSize => _boot.ClusterSize;

    public long ClusterCount => _boot.ClusterCount;

    public int MftRecordSize => _boot.MftRecordSize;

    public int IndexRecordSize => _boot.IndexRecordSize;

    /// <summary>The volume serial number, as Windows' <c>vol</c> shows its low 32 bits.</summary>
    public ulong SerialNumber => _boot.SerialNumber;

    /// <summary>Records reachable through the runs in $MFT's base record.</summary>
    public long MftRecordCount { get; }

    /// <summary>$MFT keeps part of its runlist in other records ($ATTRIBUTE_LIST, not read): records past <see cref="MftRecordCount"/> are out of reach.</summary>
    public bool MftHasAttributeList { get; }

    /// <summary>Whether the first bytes carry an NTFS boot sector (never throws).</summary>
    public static bool Probe(ReadOnlySpan<byte> head) => NtfsBootSector.Probe(head);

    /// <summary>Reads and validates the boot sector and $MFT's own record; throws <see cref="DiskFormatException"/> (layer "ntfs").</summary>
    public static async Task<NtfsVolume> OpenAsync(IBlockDevice device, CancellationToken cancellationToken = default)
    {
        var sector = await device.ReadBytesAsync(0, NtfsBootSectorLayout.Size, NtfsError.Layer, "ntfs.boot_sector", cancellationToken).ConfigureAwait(false);
        var boot = NtfsBootSector.Parse(sector, device.Length);

        // Record 0 is read straight from the boot sector's $MFT cluster; every other record through its runs.
        var mftOffset = boot.MftCluster * boot.ClusterSize;
        if (boot.MftRecordSize > boot.VolumeLength - mftOffset)
        {
            throw NtfsError.At(RecordStructure, mftOffset, "$MFT's first record lies past the end of the volume");
        }

        var bytes = await device.ReadBytesAsync(mftOffset, boot.MftRecordSize, NtfsError.Layer, RecordStructure, cancellationToken).ConfigureAwait(false);
        var mft = NtfsFileRecord.Parse(bytes, MftRecord, mftOffset, boot.ClusterCount, boot.ClusterSize);
        var data = mft.Find(NtfsAttributeType.Data, "");
        if (!mft.InUse || data is null || data.IsResident || data.StartVcn != 0 || data.Runs.Count == 0 || data.Runs[0].Lcn != boot.MftCluster)
        {
            throw NtfsError.At(RecordStructure, mftOffset, "record 0 is not $MFT: it needs an unnamed non-resident $DATA attribute whose first run starts at the boot sector's $MFT cluster");
        }

        if (data.IsCompressed || data.IsEncrypted)
        {
            throw NtfsError.At(RecordStructure, mftOffset, "$MFT's $DATA is compressed or encrypted");
        }

        var mapped = (data.LastVcn + 1) * boot.ClusterSize;
        var recordCount = Math.Min(data.DataSize, mapped) / boot.MftRecordSize;
        if (recordCount <= UpCaseRecord)
        {
            throw NtfsError.At(RecordStructure, mftOffset, $"$MFT holds {recordCount} records, fewer than the system files need");
        }

        return new NtfsVolume(device, boot, data.Runs, recordCount, mft.HasAttributeList);
    }

    /// <summary>Reads one MFT record (fixups applied, attributes parsed).</summary>
    internal async ValueTask<NtfsFileRecord> ReadRecordAsync(long number, CancellationToken cancellationToken)
    {
        if (number < 0 || number >= MftRecordCount)
        {
            var why = MftHasAttributeList ? " ($MFT's further runs are in its $ATTRIBUTE_LIST, which is not read yet)" : "";
            throw NtfsError.At(RecordStructure, 0, $"record {number} lies outside the {MftRecordCount} records $MFT maps{why}");
        }

        var position = number * _boot.MftRecordSize;
        var bytes = new byte[_boot.MftRecordSize];
        await NtfsAttributeReader.ReadAsync(_device, _boot.ClusterSize, _mftRuns, position, bytes, RecordStructure, cancellationToken).ConfigureAwait(false);
        var deviceOffset = NtfsAttributeReader.DeviceOffsetOf(_mftRuns, _boot.ClusterSize, position);
        return NtfsFileRecord.Parse(bytes, number, deviceOffset, _boot.ClusterCount, _boot.ClusterSize);
    }

    /// <summary>The volume's $UpCase table, read once on the first lookup (128 KiB).</summary>
    private async ValueTask<NtfsUpCase> UpCaseAsync(CancellationToken cancellationToken)
    {
        if (_upCase is { } loaded)
        {
            return loaded;
        }

        var record = await ReadRecordAsync(UpCaseRecord, cancellationToken).ConfigureAwait(false);
        var data = record.Find(NtfsAttributeType.Data, "");
        if (data is null || data.IsResident || data.IsCompressed || data.IsEncrypted || data.DataSize != NtfsUpCase.ByteLength)
        {
            throw NtfsError.At("ntfs.upcase", record.DeviceOffset, $"$UpCase needs an uncompressed non-resident $DATA of {NtfsUpCase.ByteLength} bytes");
        }

        var table = new byte[NtfsUpCase.ByteLength];
        await NtfsAttributeReader.ReadAsync(_device, _boot.ClusterSize, data.Runs, 0, table, "ntfs.upcase", cancellationToken).ConfigureAwait(false);
        // Two lookups may load it concurrently; both tables are the same, so either may win.
        return _upCase = new NtfsUpCase(table);
    }
}
