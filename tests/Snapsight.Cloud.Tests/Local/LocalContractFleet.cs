using Microsoft.Extensions.Time.Testing;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Local;

/// <summary>
/// The contract fleet in a fresh local root: a qcow2 root volume (ext4 inside) and a sparse raw
/// data volume. Time is a fake clock; the oracle for a volume's content is qemu-img, not our reader.
/// </summary>
public sealed class LocalContractFleet : ContractFleet
{
    public static readonly TimeSpan CompletionDelay = TimeSpan.FromMinutes(2);

    private LocalContractFleet()
    {
    }

    public required TempDirectory Directory { get; init; }

    public required FakeTimeProvider Clock { get; init; }

    public required LocalFleetBuilder Builder { get; init; }

    public static LocalContractFleet Create(ContractSettings settings, Func<LocalCloudOptions, LocalCloudOptions>? adjust = null)
    {
        var directory = new TempDirectory();
        var root = directory.File("cloud");
        var owner = new CloudScope("111111111111", "eu-west-1");
        var builder = new LocalFleetBuilder(root);
        builder.AddRegion(new CloudScope("222222222222", owner.Region));
        var launch = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var (instanceId, _) = builder.AddInstanceAsync(new LocalInstanceSpec
        {
            Scope = owner,
            ImageId = ContractInstance.ImageId,
            LaunchTime = launch,
            PrivateIpAddress = ContractInstance.PrivateIpAddress,
            PublicIpAddress = ContractInstance.PublicIpAddress,
            Tags = ContractInstance.Tags,
            Volumes =
            [
                new LocalVolumeSpec(TestVolumes.Qcow2, ContractInstance.RootDevice),
                new LocalVolumeSpec(TestVolumes.Raw, ContractInstance.DataDevice) { EncryptionKeyId = ContractInstance.DataKeyId },
            ],
        }, CancellationToken.None).GetAwaiter().GetResult();

        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new LocalCloudOptions
        {
            Root = root,
            TimeProvider = clock,
            CompletionDelay = CompletionDelay,
            MaxPendingSnapshotsPerAccount = settings.MaxPendingSnapshotsPerAccount,
            MaxConcurrentSnapshotsPerVolume = settings.MaxConcurrentSnapshotsPerVolume,
            Faults = settings.Faults.Select(ToLocal).ToList(),
        };
        return new LocalContractFleet
        {
            Provider = new LocalCloudProvider(adjust?.Invoke(options) ?? options),
            Owner = owner,
            OtherAccountId = "222222222222",
            InstanceId = instanceId,
            LaunchTime = launch,
            Directory = directory,
            Clock = clock,
            Builder = builder,
        };
    }

    private static LocalFault ToLocal(ContractFault fault) => fault.Kind switch
    {
        ContractFaultKind.CreationFails => new LocalFault(LocalFaultKind.CreationFails) { Times = fault.Times },
        ContractFaultKind.StuckPending => new LocalFault(LocalFaultKind.StuckPending) { Times = fault.Times },
        ContractFaultKind.ReadError => new LocalFault(LocalFaultKind.ReadError) { Times = fault.Times },
        _ => new LocalFault(LocalFaultKind.Throttle) { Operation = LocalOperation.CreateSnapshotSet, Times = fault.Times },
    };

    public override Task CompletePendingAsync()
    {
        Clock.Advance(CompletionDelay);
        return Task.CompletedTask;
    }

    /// <summary>The image file of a volume, found by listing the instance directory (it is named after the volume).</summary>
    public string VolumeImage(string volumeId) =>
        System.IO.Directory.EnumerateFiles(Builder.Layout.InstanceDirectory(Owner, InstanceId), volumeId + ".*").Single();

    public override Task<byte[]> ReadVolumeAsync(string volumeId)
    {
        var raw = Directory.File($"{Guid.NewGuid():N}.raw");
        Tool.Run("qemu-img", "convert", "-O", "raw", VolumeImage(volumeId), raw);
        var bytes = File.ReadAllBytes(raw);
        File.Delete(raw);
        return Task.FromResult(bytes);
    }

    public override async Task WriteVolumeAsync(string volumeId, long offset, int length, byte pattern)
    {
        var image = VolumeImage(volumeId);
        if (image.EndsWith(".qcow2", StringComparison.Ordinal))
        {
            // qemu-io allocates clusters the way a running guest's writes would.
            Tool.Run("qemu-io", "-f", "qcow2", "-c", $"write -P {pattern} {offset} {length}", image);
            return;
        }

        var data = new byte[length];
        Array.Fill(data, pattern);
        await Builder.WriteVolumeAsync(Owner, InstanceId, volumeId, offset, data, CancellationToken.None);
    }

    public override void Dispose()
    {
        ((IDisposable)Provider).Dispose();
        Directory.Dispose();
    }
}
