using System.Net;

namespace Snapsight.Cloud.Provider;

/// <summary>A virtual machine as the provider describes it, with its volumes in attachment order.</summary>
public sealed record CloudInstance
{
    public required string Id { get; init; }

    /// <summary>The <c>Name</c> tag, or null without one.</summary>
    public string? Name => Tags.GetValueOrDefault("Name");

    public required InstanceState State { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    public IPAddress? PrivateIpAddress { get; init; }

    public IPAddress? PublicIpAddress { get; init; }

    public required InstancePlatform Platform { get; init; }

    public string? ImageId { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public required IReadOnlyList<CloudVolume> Volumes { get; init; }
}
