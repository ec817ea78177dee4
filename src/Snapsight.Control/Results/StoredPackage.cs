using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

/// <summary>One package of one stored run.</summary>
public sealed class StoredPackage : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid RunId { get; set; }

    public Guid AssetId { get; set; }

    public required string Type { get; set; }

    public required string Name { get; set; }

    public required string Version { get; set; }

    public string? Arch { get; set; }

    public string? Purl { get; set; }

    public string? Source { get; set; }

    public PackageKey Key => new(Type, Name, Arch);
}
