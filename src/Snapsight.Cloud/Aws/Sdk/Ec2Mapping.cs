using System.Globalization;
using System.Net;
using Amazon.EC2;
using Snapsight.Cloud.Provider;
using CloudInstanceState = Snapsight.Cloud.Provider.InstanceState;
using CloudSnapshotState = Snapsight.Cloud.Provider.SnapshotState;
using Ec2 = Amazon.EC2.Model;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>EC2's descriptions as the provider-neutral records; a description EC2 should never give is <see cref="CloudErrorCode.Corrupt"/>.</summary>
internal static class Ec2Mapping
{
    private const long GiB = 1024L * 1024 * 1024;

    public static CloudInstance Instance(Ec2.Instance instance, IReadOnlyDictionary<string, Ec2.Volume> volumes) => new()
    {
        Id = instance.InstanceId,
        State = State(instance.State?.Name?.Value, instance.InstanceId),
        Tags = Tags(instance.Tags),
        PrivateIpAddress = Address(instance.PrivateIpAddress),
        PublicIpAddress = Address(instance.PublicIpAddress),
        Platform = instance.Platform == PlatformValues.Windows ? InstancePlatform.Windows : InstancePlatform.Linux,
        ImageId = instance.ImageId,
        LaunchTime = Utc(instance.LaunchTime) ?? throw Corrupt(instance.InstanceId, "has no launch time"),
        Volumes = Volumes(instance, volumes),
    };

    public static CloudSnapshot Snapshot(Ec2.Snapshot snapshot, string region, IReadOnlyList<string> sharedWith) => new()
    {
        Id = snapshot.SnapshotId,
        OwnerAccountId = snapshot.OwnerId,
        Region = region,
        VolumeId = snapshot.VolumeId,
        VolumeSizeBytes = (snapshot.VolumeSize ?? 0) * GiB,
        EncryptionKeyId = snapshot.Encrypted == true ? snapshot.KmsKeyId : null,
        State = SnapshotState(snapshot.State?.Value, snapshot.SnapshotId),
        Progress = Progress(snapshot.Progress),
        StateMessage = string.IsNullOrEmpty(snapshot.StateMessage) ? null : snapshot.StateMessage,
        StartTime = Utc(snapshot.StartTime) ?? throw Corrupt(snapshot.SnapshotId, "has no start time"),
        Tags = Tags(snapshot.Tags),
        SharedWith = sharedWith,
    };

    /// <summary>A snapshot CreateSnapshots started; its key is its volume's, which CreateSnapshots does not repeat.</summary>
    public static CloudSnapshot Started(Ec2.SnapshotInfo info, string region, CloudVolume volume) => new()
    {
        Id = info.SnapshotId,
        OwnerAccountId = info.OwnerId,
        Region = region,
        VolumeId = info.VolumeId,
        VolumeSizeBytes = (info.VolumeSize ?? 0) * GiB,
        EncryptionKeyId = volume.EncryptionKeyId,
        State = SnapshotState(info.State?.Value, info.SnapshotId),
        Progress = Progress(info.Progress),
        StartTime = Utc(info.StartTime) ?? throw Corrupt(info.SnapshotId, "has no start time"),
        Tags = Tags(info.Tags),
        SharedWith = [],
    };

    public static Dictionary<string, string> Tags(IEnumerable<Ec2.Tag>? tags)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            map[tag.Key] = tag.Value ?? "";
        }

        return map;
    }

    /// <summary>The root device first, then the others in the order EC2 lists them; instance-store devices have no volume.</summary>
    private static List<CloudVolume> Volumes(Ec2.Instance instance, IReadOnlyDictionary<string, Ec2.Volume> volumes) =>
    [
        .. (instance.BlockDeviceMappings ?? [])
            .Where(m => m.Ebs?.VolumeId is not null)
            .OrderBy(m => m.DeviceName == instance.RootDeviceName ? 0 : 1)
            .Select(m => volumes.TryGetValue(m.Ebs.VolumeId, out var volume)
                ? new CloudVolume(volume.VolumeId, m.DeviceName, (volume.Size ?? 0) * GiB, volume.Encrypted == true ? volume.KmsKeyId : null)
                // Attached after DescribeVolumes answered: transient.
                : throw new CloudProviderException(CloudErrorCode.Unavailable, instance.InstanceId, $"ec2: volume {m.Ebs.VolumeId} of {instance.InstanceId} was not described")),
    ];

    private static CloudInstanceState State(string? name, string id) => name switch
    {
        "pending" => CloudInstanceState.Pending,
        "running" => CloudInstanceState.Running,
        "stopping" => CloudInstanceState.Stopping,
        "stopped" => CloudInstanceState.Stopped,
        "shutting-down" => CloudInstanceState.ShuttingDown,
        "terminated" => CloudInstanceState.Terminated,
        _ => throw Corrupt(id, $"is in the unknown state '{name}'"),
    };

    private static CloudSnapshotState SnapshotState(string? name, string id) => name switch
    {
        "pending" => CloudSnapshotState.Pending,
        "completed" => CloudSnapshotState.Completed,
        "error" => CloudSnapshotState.Error,
        // Archive tiers and recycle bin states are not readable: treat them as failed for a scan.
        "recoverable" or "recovering" => CloudSnapshotState.Error,
        _ => throw Corrupt(id, $"is in the unknown state '{name}'"),
    };

    /// <summary>EC2 writes progress as "42%"; absent or odd values count as 0.</summary>
    private static int Progress(string? text) =>
        int.TryParse(text?.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? Math.Clamp(percent, 0, 100) : 0;

    private static IPAddress? Address(string? text) => IPAddress.TryParse(text, out var address) ? address : null;

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t
        ? new DateTimeOffset(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc))
        : null;

    private static CloudProviderException Corrupt(string id, string what) => new(CloudErrorCode.Corrupt, id, $"ec2: {id} {what}");
}
