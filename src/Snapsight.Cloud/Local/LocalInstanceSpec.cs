using System.Net;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>An instance for <see cref="LocalFleetBuilder"/> to lay out; ids left null are generated.</summary>
public sealed record LocalInstanceSpec
{
    public required CloudScope Scope { get; init; }

    public string? InstanceId { get; init; }

    public InstanceState State { get; init; } = InstanceState.Running;

    public InstancePlatform Platform { get; init; } = InstancePlatform.Linux;

    public string? ImageId { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public IPAddress? PrivateIpAddress { get; init; }

    public IPAddress? PublicIpAddress { get; init; }

    /// <summary>Its tags; the <c>Name</c> tag is its name.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>In attachment order; the first is the root volume.</summary>
    public required IReadOnlyList<LocalVolumeSpec> Volumes { get; init; }
}

/// <summary>A volume: an existing image file copied (sparsely, or by reflink) into the instance.</summary>
public sealed record LocalVolumeSpec(string SourceImage, string DeviceName)
{
    public string? VolumeId { get; init; }

    public string? EncryptionKeyId { get; init; }
}
