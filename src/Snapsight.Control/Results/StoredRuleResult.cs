using Snapsight.Compliance.Assessment;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Results;

/// <summary>One compliance rule result of one stored run.</summary>
public sealed class StoredRuleResult : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid RunId { get; set; }

    public Guid AssetId { get; set; }

    public required string Profile { get; set; }

    public required string RuleId { get; set; }

    public required string Title { get; set; }

    public required string Severity { get; set; }

    public RuleResult Result { get; set; }
}
