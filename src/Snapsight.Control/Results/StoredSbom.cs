using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

/// <summary>One SBOM document of one stored run, kept exactly as the scanner wrote it.</summary>
public sealed class StoredSbom : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid RunId { get; set; }

    public SbomFormat Format { get; set; }

    public required string Content { get; set; }
}
