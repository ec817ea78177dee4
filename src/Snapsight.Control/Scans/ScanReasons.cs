using Snapsight.Control.Assets;

namespace Snapsight.Control.Scans;

/// <summary>
/// Why a run was skipped or failed: stable words, the only values <see cref="ScanRun.ReasonCode"/>
/// takes, which the API returns and filters may use.
/// </summary>
public static class ScanReasons
{
    /// <summary>The instance carries one of the service account's exclusion tags.</summary>
    public const string ExcludedByTag = "excluded_by_tag";

    /// <summary>A stopped instance with no volume has nothing to scan.</summary>
    public const string InstanceStoppedWithoutVolumes = "instance_stopped_without_volumes";

    public const string TooManyVolumes = "too_many_volumes";

    public const string VolumeTooLarge = "volume_too_large";

    /// <summary>An encrypted volume's snapshot could not be made, shared or read: the key's policy refuses us.</summary>
    public const string AccessDeniedToEncryptionKey = "access_denied_to_encryption_key";

    /// <summary>The cloud refused a call for want of a permission (not a key).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The asset is not activated (the licence has no room for it) or was deactivated.</summary>
    public const string LicenceExhausted = ActivationReasons.LicenceExhausted;

    /// <summary>The scanner does not support the operating system it found.</summary>
    public const string UnsupportedOs = "unsupported_os";

    /// <summary>A snapshot ended in error, stayed pending past the limit, or could not be made or shared (transient errors past the last attempt included).</summary>
    public const string SnapshotFailed = "snapshot_failed";

    /// <summary>The scan could not read or understand the snapshots (transient read errors past the last attempt included).</summary>
    public const string ScanFailed = "scan_failed";

    /// <summary>The instance (or its asset) is gone.</summary>
    public const string InstanceTerminated = "instance_terminated";

    /// <summary>Every code, for validation and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ExcludedByTag, InstanceStoppedWithoutVolumes, TooManyVolumes, VolumeTooLarge, AccessDeniedToEncryptionKey, AccessDenied,
        LicenceExhausted, UnsupportedOs, SnapshotFailed, ScanFailed, InstanceTerminated,
    ];

    public const int MaxLength = 40;
}
