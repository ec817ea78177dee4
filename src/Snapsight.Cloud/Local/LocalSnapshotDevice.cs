using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Images;

namespace Snapsight.Cloud.Local;

/// <summary>A completed local snapshot read as the volume it copies: its image decoded, with injected read errors.</summary>
internal sealed class LocalSnapshotDevice(string snapshotId, string volumeId, OpenedDiskImage image, LocalFaultInjector faults) : IBlockDevice
{
    public long Length => image.Device.Length;

    public int BlockSize => image.Device.BlockSize;

    public ReadStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (faults.Fires(LocalFaultKind.ReadError, LocalOperation.OpenSnapshot, snapshotId, volumeId))
        {
            throw new CloudProviderException(CloudErrorCode.Unavailable, snapshotId, $"injected read error at offset {offset} of snapshot {snapshotId}");
        }

        var read = await image.Device.ReadAsync(offset, buffer, cancellationToken).ConfigureAwait(false);
        Statistics.Record(read);
        return read;
    }

    public void Dispose() => image.Dispose();
}
