namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// What a subscription's templates are rendered from. Every field is checked by
/// <see cref="ValidatedTemplateRequest"/> before anything is rendered; the field names in its errors
/// are this record's properties in camelCase.
/// </summary>
public sealed record TemplateRequest
{
    /// <summary>The zero-touch promise: every instance at least once a day. The subscription's own setting keeps this bound too.</summary>
    public const int MinScanIntervalHours = 24;

    /// <summary>A week: the longest interval offered, here and in the subscription's setting.</summary>
    public const int MaxScanIntervalHours = 168;

    /// <summary>The subscription's id; only its hash (<see cref="SnapshotTags.SubscriptionValue"/>) reaches the templates.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>
    /// The subscription token the call-backs and the event forwarding present. It is the default
    /// of a NoEcho parameter, so the downloaded file itself is a secret.
    /// </summary>
    public required string SubscriptionToken { get; init; }

    /// <summary>The API's base URL (https), e.g. <c>https://snapsight.example.com</c>.</summary>
    public required string ApiEndpoint { get; init; }

    /// <summary>The partition name: <c>aws</c>, <c>aws-us-gov</c> or <c>aws-cn</c>.</summary>
    public required string Partition { get; init; }

    /// <summary>Where the service account scans. Shared snapshots stay in their region, so this must include every target region.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>The regions of the target accounts whose instances get snapshotted.</summary>
    public required IReadOnlyList<string> TargetRegions { get; init; }

    /// <summary>The fewest snapshots the service account scans at the same time.</summary>
    public const int MinScannerConcurrency = 1;

    /// <summary>The most snapshots scanned at the same time: beyond this the EBS direct API quotas throttle.</summary>
    public const int MaxScannerConcurrency = 50;

    public int ScanIntervalHours { get; init; } = MinScanIntervalHours;

    public const int DefaultScannerConcurrency = 4;

    public const string DefaultScanningRoleName = "SnapsightScanning";

    public int ScannerConcurrency { get; init; } = DefaultScannerConcurrency;

    public TagFilter Tags { get; init; } = new();

    /// <summary>Whether target accounts forward EC2 instance state changes to the API, so new instances are scanned at once.</summary>
    public bool EventBasedScanning { get; init; }

    /// <summary>The name of the scanning role the service-account template creates and the target roles trust.</summary>
    public string ScanningRoleName { get; init; } = DefaultScanningRoleName;
}
