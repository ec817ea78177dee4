using Snapsight.Control.Assets;

namespace Snapsight.Server.Assets;

/// <summary>An asset as the API shows it; tags as a key-to-value object.</summary>
public sealed record AssetView(
    Guid Id, Guid? ConnectorId, string CloudAccountId, string Region, string InstanceId, string? Name,
    string? PrivateIpAddress, string? PublicIpAddress, string? LicensedIpAddress, IReadOnlyDictionary<string, string> Tags,
    AssetState State, DateTime FirstSeenAt, DateTime LastSeenAt, AssetActivation Activation, string? ActivationReason,
    DateTime? ActivatedAt, DateTime? LastScanCompletedAt, DateTime? ScanRequestedAt)
{
    public static AssetView Of(Asset a) =>
        new(a.Id, a.ConnectorId, a.CloudAccountId, a.Region, a.InstanceId, a.Name, a.PrivateIpAddress, a.PublicIpAddress,
            a.LicensedIpAddress, a.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), a.State, a.FirstSeenAt,
            a.LastSeenAt, a.Activation, a.ActivationReason, a.ActivatedAt, a.LastScanCompletedAt, a.ScanRequestedAt);
}

/// <summary>The licence: how many distinct addresses it allows, how many are in use, how many are left.</summary>
public sealed record LicenceView(int Limit, int Used, int Available)
{
    public static LicenceView Of(LicenceUsage usage) => new(usage.Limit, usage.Used, usage.Available);
}

/// <summary>The bulk activation's body.</summary>
public sealed record ActivateRequest(IReadOnlyList<Guid>? Ids);

/// <summary>One asset's answer in a bulk activation; <c>detail</c> says why a refused one was refused.</summary>
public sealed record ActivationView(Guid Id, ActivationOutcome Outcome, string? Reason, string? Detail);

public sealed record BulkActivationView(IReadOnlyList<ActivationView> Results, LicenceView Licence);
