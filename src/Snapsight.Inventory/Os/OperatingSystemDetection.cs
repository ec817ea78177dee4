namespace Snapsight.Inventory.Os;

/// <summary>
/// The outcome of OS detection. <see cref="Os"/> is null when the OS cannot be told, and
/// <see cref="Gaps"/> then says why. <see cref="ExactRelease"/> is the most precise release a
/// distro-specific file gives beyond VERSION_ID (Debian's "12.15" from /etc/debian_version,
/// CentOS's "7.6.1810"), or null. <see cref="Esm"/> is true when Ubuntu Pro's Extended Security
/// Maintenance is enabled. <see cref="FilesRead"/> lists every path whose contents were read.
/// </summary>
public sealed record OperatingSystemDetection(
    OperatingSystemInfo? Os,
    string? ExactRelease,
    bool Esm,
    IReadOnlyList<string> FilesRead,
    IReadOnlyList<(string Where, string Reason)> Gaps);
