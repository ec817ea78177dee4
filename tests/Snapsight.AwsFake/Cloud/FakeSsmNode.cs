namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// What Systems Manager holds for an instance whose SSM agent reports: the platform the agent read
/// from /etc/os-release (NAME as PlatformName, VERSION_ID as PlatformVersion, as
/// amazon-ssm-agent's platform_unix.go does) and its last AWS:Application inventory, each entry the
/// string map ListInventoryEntries answers.
/// </summary>
public sealed record FakeSsmNode
{
    public required string PlatformName { get; init; }

    public required string PlatformVersion { get; init; }

    public string PlatformType { get; init; } = "Linux";

    public string AgentVersion { get; init; } = "3.3.2299.0";

    public string PingStatus { get; init; } = "Online";

    public required DateTimeOffset CaptureTime { get; init; }

    public required IReadOnlyList<IReadOnlyDictionary<string, string>> Applications { get; init; }
}
