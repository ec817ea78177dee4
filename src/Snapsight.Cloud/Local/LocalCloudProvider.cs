using System.Net;
using System.Text.Json;
using Snapsight.Cloud.Provider;
using Snapsight.Disk.Images;

namespace Snapsight.Cloud.Local;

/// <summary>
/// The embedded cloud: accounts, regions and instances are directories under a root, volumes are
/// disk image files, snapshots are point-in-time copies of them (see <see cref="LocalLayout"/> and
/// docs/cloud/local-provider.md). Mutations in one process are serialised, so quota checks and the
/// moves that publish a snapshot set do not interleave; one process owns a root at a time.
/// </summary>
public sealed partial class LocalCloudProvider : ICloudProvider, IDisposable
{
    private readonly LocalCloudOptions _options;
    private readonly LocalFaultInjector _faults;
    private readonly SemaphoreSlim _mutations = new(1, 1);

    public LocalCloudProvider(LocalCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CompletionDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPendingSnapshotsPerAccount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcurrentSnapshotsPerVolume);
        _options = options;
        _faults = new LocalFaultInjector(options.Faults);
        Layout = new LocalLayout(options.Root);
    }

    public LocalLayout Layout { get; }

    /// <summary>Shared with the service account, which reads the grant: the cross-account path, on one machine.</summary>
    public SnapshotAccess SnapshotAccess => SnapshotAccess.ShareToServiceAccount;

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    public Task<IReadOnlyList<string>> ListRegionsAsync(string accountId, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.ListRegions, accountId);
        var regions = Layout.RegionsDirectory(accountId);
        if (!Directory.Exists(Layout.AccountDirectory(accountId)))
        {
            throw CloudProviderException.NotFound(accountId, "account");
        }

        IReadOnlyList<string> found = Directory.Exists(regions)
            ? Directory.EnumerateDirectories(regions).Select(Path.GetFileName).OfType<string>()
                .Where(CloudScope.IsRegion).Order(StringComparer.Ordinal).ToList()
            : [];
        return Task.FromResult(found);
    }

    public async Task<IReadOnlyList<CloudInstance>> ListInstancesAsync(CloudScope scope, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.ListInstances, scope.AccountId);
        RequireRegion(scope);
        var directory = Layout.InstancesDirectory(scope);
        var ids = Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Select(Path.GetFileName)
                .Where(id => LocalIds.IsValid(LocalIds.Instance, id)).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
        var instances = new List<CloudInstance>(ids.Count);
        foreach (var id in ids)
        {
            instances.Add(await DescribeInstanceAsync(scope, id, ReadInstance(scope, id), cancellationToken).ConfigureAwait(false));
        }

        return instances;
    }

    public async Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken)
    {
        Throttle(LocalOperation.DescribeInstance, instanceId);
        RequireRegion(scope);
        LocalIds.Check(LocalIds.Instance, instanceId);
        return await DescribeInstanceAsync(scope, instanceId, ReadInstance(scope, instanceId), cancellationToken).ConfigureAwait(false);
    }

    private void RequireRegion(CloudScope scope)
    {
        if (!Directory.Exists(Layout.RegionDirectory(scope)))
        {
            throw CloudProviderException.NotFound(scope.ToString(), Directory.Exists(Layout.AccountDirectory(scope.AccountId)) ? "region" : "account");
        }
    }

    private void Throttle(LocalOperation operation, string? resourceId)
    {
        if (_faults.Fires(LocalFaultKind.Throttle, operation, resourceId))
        {
            throw new CloudProviderException(CloudErrorCode.Throttled, resourceId, $"injected throttling of {operation}");
        }
    }

    private LocalInstanceFile ReadInstance(CloudScope scope, string instanceId)
    {
        var path = Layout.InstanceFile(scope, instanceId);
        if (!File.Exists(path))
        {
            throw CloudProviderException.NotFound(instanceId, "instance");
        }

        var instance = ReadJson(path, instanceId, LocalJson.Default.LocalInstanceFile);
        foreach (var volume in instance.Volumes)
        {
            if (!LocalIds.IsValid(LocalIds.Volume, volume.Id))
            {
                throw new CloudProviderException(CloudErrorCode.Corrupt, instanceId, $"{path}: '{volume.Id}' is not a volume id");
            }
        }

        return instance;
    }

    private async Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string id, LocalInstanceFile file, CancellationToken cancellationToken)
    {
        var volumes = new List<CloudVolume>(file.Volumes.Count);
        foreach (var volume in file.Volumes)
        {
            var size = await VirtualSizeAsync(Layout.VolumeImage(scope, id, volume.Image), id, cancellationToken).ConfigureAwait(false);
            volumes.Add(new CloudVolume(volume.Id, volume.Device, size, volume.EncryptionKeyId));
        }

        return new CloudInstance
        {
            Id = id,
            State = file.State,
            Tags = file.Tags,
            PrivateIpAddress = ParseAddress(file.PrivateIpAddress, id),
            PublicIpAddress = ParseAddress(file.PublicIpAddress, id),
            Platform = file.Platform,
            ImageId = file.ImageId,
            LaunchTime = file.LaunchTime,
            Volumes = volumes,
        };
    }

    /// <summary>The size the instance sees: the image's virtual size, whatever its format.</summary>
    private static async Task<long> VirtualSizeAsync(string imagePath, string resourceId, CancellationToken cancellationToken)
    {
        try
        {
            using var image = await DiskImage.OpenAsync(imagePath, cancellationToken).ConfigureAwait(false);
            return image.Device.Length;
        }
        catch (IOException e) // DiskFormatException included
        {
            throw new CloudProviderException(CloudErrorCode.Corrupt, resourceId, $"volume image {imagePath} cannot be read: {e.Message}", e);
        }
    }

    private static IPAddress? ParseAddress(string? text, string instanceId) =>
        text is null ? null
        : IPAddress.TryParse(text, out var address) ? address
        : throw new CloudProviderException(CloudErrorCode.Corrupt, instanceId, $"instance {instanceId} has IP address '{text}', which is not one");

    private static T ReadJson<T>(string path, string resourceId, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class, ILocalFile
    {
        try
        {
            return LocalFileReader.Parse(File.ReadAllBytes(path), type);
        }
        catch (JsonException e)
        {
            throw new CloudProviderException(CloudErrorCode.Corrupt, resourceId, $"{path}: {e.Message}", e);
        }
    }

    public void Dispose() => _mutations.Dispose();
}
