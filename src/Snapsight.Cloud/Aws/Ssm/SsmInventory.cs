namespace Snapsight.Cloud.Aws.Ssm;

/// <summary>
/// What Systems Manager's inventory says of one managed instance, as its agent last reported it:
/// the platform (AWS:InstanceInformation) and the installed applications (AWS:Application).
/// <see cref="CaptureTime"/> is when the agent gathered it, which may be hours before the read.
/// </summary>
public sealed record SsmInventory(
    string InstanceId,
    SsmPlatform Platform,
    DateTimeOffset? CaptureTime,
    IReadOnlyList<SsmApplication> Applications);

/// <summary>
/// The platform as the SSM agent reports it: on Linux, <see cref="Name"/> is /etc/os-release's
/// NAME ("Debian GNU/Linux", "Amazon Linux") and <see cref="Version"/> its VERSION_ID.
/// </summary>
public sealed record SsmPlatform(string Type, string Name, string Version);

/// <summary>
/// One AWS:Application entry, its fields as the agent fills them (amazon-ssm-agent,
/// gatherers/application/dataProvider_unix.go): for dpkg, <see cref="Version"/> is dpkg's whole
/// version (epoch and revision included), <see cref="PackageId"/> is
/// <c>Package_Version_Architecture.deb</c> and there is no release or epoch; for rpm,
/// <see cref="Version"/>, <see cref="Release"/> and <see cref="Epoch"/> are the header's and
/// <see cref="PackageId"/> is the source rpm's file name. <see cref="Architecture"/> is normalised
/// by the agent (amd64 becomes x86_64).
/// </summary>
public sealed record SsmApplication
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public string? Release { get; init; }

    public string? Epoch { get; init; }

    public string? Architecture { get; init; }

    public string? PackageId { get; init; }

    public string? Publisher { get; init; }
}
