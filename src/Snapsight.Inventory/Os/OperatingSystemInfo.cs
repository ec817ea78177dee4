namespace Snapsight.Inventory.Os;

/// <summary>
/// The operating system a file tree holds, as its release files say. <see cref="Family"/> is the
/// os-release <c>ID</c> a vulnerability feed is keyed by ("debian", "ubuntu", "rhel", "centos",
/// "rocky", "almalinux", "ol", "amzn", "sles", "opensuse-leap", "fedora", "alpine", "photon",
/// "azurelinux", "mariner", "windows"); <see cref="Source"/> names the file that decided it.
/// </summary>
public sealed record OperatingSystemInfo(
    string Family,
    string Name,
    string? Version,
    string? VersionId,
    string? Codename,
    string Source);
