using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Cloud.Provider;
using SsmModel = Amazon.SimpleSystemsManagement.Model;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// API-based assessment's input: Systems Manager's inventory of an instance whose SSM agent
/// reports, read with the same target role as discovery (statement ReadSsmInventory of the target
/// template: ssm:DescribeInstanceInformation and ssm:ListInventoryEntries, nothing that runs or
/// changes anything on the instance).
/// </summary>
public sealed partial class AwsCloudProvider : IApiInventorySource
{
    /// <summary>The source name API-based results of this provider carry.</summary>
    public const string SsmSource = "ssm";

    private const string ApplicationType = "AWS:Application";
    private const string InstanceInformationType = "AWS:InstanceInformation";

    /// <summary>
    /// The SSM inventory of <paramref name="instanceId"/>, or null when it is no managed node of
    /// the scope (no agent, or one that never registered): then only a snapshot can tell what it runs.
    /// </summary>
    public async Task<SsmInventory?> ReadSsmInventoryAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken)
    {
        CheckInstanceId(instanceId);
        var described = await SsmCallAsync(scope, $"ssm: DescribeInstanceInformation {instanceId} in {scope}", instanceId,
            ssm => ssm.DescribeInstanceInformationAsync(new SsmModel.DescribeInstanceInformationRequest
            {
                Filters = [new SsmModel.InstanceInformationStringFilter { Key = "InstanceIds", Values = [instanceId] }],
                MaxResults = SsmLimits.PageSize,
            }, cancellationToken)).ConfigureAwait(false);
        var node = (described.InstanceInformationList ?? []).SingleOrDefault(i => i.InstanceId == instanceId);
        if (node is null)
        {
            return null;
        }

        var (information, _) = await EntriesAsync(scope, instanceId, InstanceInformationType, cancellationToken).ConfigureAwait(false);
        var (applications, captured) = await EntriesAsync(scope, instanceId, ApplicationType, cancellationToken).ConfigureAwait(false);
        return SsmInventoryEntries.ToInventory(instanceId, new SsmPlatform(node.PlatformType?.Value ?? "", node.PlatformName ?? "", node.PlatformVersion ?? ""),
            information, applications, captured);
    }

    /// <summary>The SSM inventory as the scanner's package inventory (<see cref="SsmInventoryMapping"/>).</summary>
    public async Task<ApiInventory?> ReadApiInventoryAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken) =>
        await ReadSsmInventoryAsync(scope, instanceId, cancellationToken).ConfigureAwait(false) is { } inventory
            ? new ApiInventory(SsmSource, inventory.CaptureTime, SsmInventoryMapping.ToInventory(inventory))
            : null;

    /// <summary>Every entry of one inventory type, all pages, and when the agent captured them.</summary>
    private async Task<(List<Dictionary<string, string>> Entries, DateTimeOffset? Captured)> EntriesAsync(
        CloudScope scope, string instanceId, string typeName, CancellationToken cancellationToken)
    {
        var entries = new List<Dictionary<string, string>>();
        DateTimeOffset? captured = null;
        string? next = null;
        var pages = 0;
        do
        {
            var page = await SsmCallAsync(scope, $"ssm: ListInventoryEntries {typeName} of {instanceId} in {scope}", instanceId,
                ssm => ssm.ListInventoryEntriesAsync(new SsmModel.ListInventoryEntriesRequest
                {
                    InstanceId = instanceId, TypeName = typeName, MaxResults = SsmLimits.PageSize, NextToken = next,
                }, cancellationToken)).ConfigureAwait(false);
            entries.AddRange(page.Entries ?? []);
            SsmInventoryEntries.CheckCount(entries.Count, typeName, instanceId);
            captured ??= SsmInventoryEntries.CaptureTime(page.CaptureTime);
            next = NextPage(page.NextToken, next, scope, ++pages);
        }
        while (next is not null);

        return (entries, captured);
    }

    /// <summary>One SSM call as the scope's account, its failures mapped as EC2's are.</summary>
    private Task<T> SsmCallAsync<T>(CloudScope scope, string what, string resourceId, Func<AmazonSimpleSystemsManagementClient, Task<T>> call) =>
        CallAsync(scope, what, resourceId,
            credentials => new AmazonSimpleSystemsManagementClient(credentials, Configure(new AmazonSimpleSystemsManagementConfig(), _options.SsmServiceUrl, scope.Region)),
            call, keyIds: null);
}
