using System.Text.Json.Serialization;

namespace Snapsight.Server.Discovery;

/// <summary>
/// An EventBridge "EC2 Instance State-change Notification" as the target account's rule forwards
/// it; only these fields are read, any others are ignored.
/// </summary>
public sealed record InstanceEventBody(string? Account, string? Region, InstanceEventDetail? Detail);

public sealed record InstanceEventDetail(
    [property: JsonPropertyName("instance-id")] string? InstanceId,
    string? State);
