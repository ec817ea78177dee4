using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Store;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Assessments;
using Snapsight.Control.Assets;
using Snapsight.Inventory;
using Snapsight.Server.Scanning;

namespace Snapsight.Server.Assessments;

/// <summary>
/// API-based assessment of one asset: its cloud's inventory (<see cref="IApiInventorySource"/>,
/// SSM on AWS) matched against the server's advisory database exactly as a snapshot scan's
/// inventory is (<see cref="VulnerabilityMatcher"/>), stored apart from snapshot runs.
/// </summary>
public sealed class ApiAssessor(IServiceProvider services, SnapshotScanSettings settings, ApiAssessments assessments)
{
    /// <summary>The stored assessment, or null when the cloud keeps no inventory for the instance (no agent, or no API inventory source at all).</summary>
    public async Task<ApiAssessment?> AssessAsync(Asset asset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (services.GetService(typeof(IApiInventorySource)) is not IApiInventorySource source
            || await source.ReadApiInventoryAsync(ScopeOf(asset), asset.InstanceId, ct).ConfigureAwait(false)
                is not { } read)
        {
            return null;
        }

        var gaps = new List<InventoryGap>(read.Inventory.Gaps);
        IReadOnlyList<Finding> findings = [];
        if (settings.AdvisoryDatabaseIfPresent() is { } path)
        {
            using var store = AdvisoryStore.Open(path);
            var match = VulnerabilityMatcher.Match(read.Inventory, store);
            findings = match.Findings;
            gaps.AddRange(match.Gaps);
        }
        else
        {
            gaps.Add(new InventoryGap("advisories", "the server has no advisory database: the packages were listed, not matched"));
        }

        return await assessments.StoreAsync(asset, read.Source, read.CapturedAt, read.Inventory, findings, gaps, ct).ConfigureAwait(false);
    }

    /// <summary>The asset's account and region on behalf of its subscription: the server's AWS accounts are looked up by both.</summary>
    private static CloudScope ScopeOf(Asset asset) => new(asset.CloudAccountId, asset.Region) { Subscription = asset.SubscriptionId };
}
