using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Server.Templates;

/// <summary>
/// What a template download may set. Everything is optional except the regions (and, for CFT-T, the
/// connector; its regions are the default there): the scan interval
/// defaults to the subscription's, the API endpoint to the address the request came to (it must be
/// https), and the subscription token to a new one issued for this download.
/// </summary>
public sealed record TemplateDownloadRequest
{
    /// <summary><c>aws</c>, <c>aws-us-gov</c> or <c>aws-cn</c>; for CFT-T, the connector's account type decides.</summary>
    public string? Partition { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Defaults to <see cref="Regions"/>.</summary>
    public IReadOnlyList<string>? TargetRegions { get; init; }

    public int? ScanIntervalHours { get; init; }

    public int? ScannerConcurrency { get; init; }

    public TagFilter? Tags { get; init; }

    public bool EventBasedScanning { get; init; }

    public string? ScanningRoleName { get; init; }

    /// <summary>The https URL AWS calls back; defaults to the URL this request came to, when that is https.</summary>
    public string? ApiEndpoint { get; init; }

    /// <summary>A live subscription token of the caller's subscription to put in the template; a new one is issued when absent.</summary>
    public string? SubscriptionToken { get; init; }

    /// <summary>The lifetime in seconds of the token issued for the download; the server's cap when absent.</summary>
    public long? TokenExpiry { get; init; }

    /// <summary>CFT-T only, required: the target account's connector, whose external ID and account type the template takes.</summary>
    public string? ConnectorId { get; init; }

    /// <summary>CFT-T only: the service account whose scanning role the target role trusts, until one is registered.</summary>
    public string? ServiceAccountId { get; init; }
}
