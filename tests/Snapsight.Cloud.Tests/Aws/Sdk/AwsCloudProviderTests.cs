using Microsoft.Extensions.Time.Testing;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// What only the AWS provider owes: it needs nothing the templates do not grant (the fake refuses
/// and records anything more), least privilege holds where our code could exceed it, sessions are
/// reused and renewed, paging and the SDK's retries work, and a key refusal names the key.
/// </summary>
public sealed class AwsCloudProviderTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static Dictionary<string, string> RunTags(string run) => ContractTags.Run(run);

    private static Task<CloudProviderException> ThrowsAsync(CloudErrorCode code, Func<Task> call) => ContractTags.ThrowsAsync(code, call);

    [Fact]
    public async Task Every_snapshot_read_in_an_account_and_region_shares_one_client_and_its_rate_limits_and_reports_at_the_configured_prices()
    {
        var pricing = new EbsPricing { GetSnapshotBlockPerThousand = 7m, ListPerThousand = 2m };
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { Pricing = pricing });
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);
        await fleet.CompletePendingAsync();
        var client = fleet.Aws.EbsClient(fleet.Owner);

        // Two scans at once in the same account and region, as the workflow runs them.
        var reports = await Task.WhenAll(set.Select(async snapshot =>
        {
            using var device = await fleet.Provider.OpenSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
            await device.ReadAsync(0, new byte[8 << 20], Ct); // the whole of each test volume
            return ((ISnapshotReadReporter)device).ReadReport();
        }));

        Assert.Same(client, fleet.Aws.EbsClient(fleet.Owner));
        Assert.NotSame(client, fleet.Aws.EbsClient(fleet.Other));
        Assert.True(reports.All(r => r.BlocksFetched > 0));
        // The one client (whose token buckets every call waits on) counted both scans' calls, as the fake did.
        Assert.Equal(reports.Sum(r => r.BlocksFetched), client.Counters.BlocksFetched);
        Assert.Equal(fleet.Cloud.Ebs.GetSnapshotBlockCalls, client.Counters.GetSnapshotBlockCalls);
        Assert.All(reports, r => Assert.Equal(pricing.Cost(r.BlocksFetched, r.ListCalls), r.EstimatedCostUsd));
    }

    [Fact]
    public async Task A_whole_scan_needs_nothing_the_templates_do_not_grant_and_assumes_the_role_once()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var provider = fleet.Provider;
        Assert.Equal([fleet.Owner.Region], await provider.ListRegionsAsync(fleet.Owner.AccountId, Ct)); // us-east-1 is enabled but not ours
        var instance = Assert.Single(await provider.ListInstancesAsync(fleet.Owner, Ct));
        var set = await provider.CreateSnapshotSetAsync(fleet.Owner, instance.Id, RunTags("run-1"), Ct);
        await fleet.CompletePendingAsync();
        Assert.Equal(set.Select(s => s.Id).Order(StringComparer.Ordinal), (await provider.ListSnapshotsByTagsAsync(fleet.Owner, RunTags("run-1"), Ct)).Select(s => s.Id));
        foreach (var snapshot in set)
        {
            using var device = await provider.OpenSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
            var block = new byte[4096];
            Assert.Equal(block.Length, await device.ReadAsync(0, block, Ct));
            Assert.Equal((await fleet.ReadVolumeAsync(snapshot.VolumeId))[..block.Length], block);
        }

        await provider.ShareSnapshotAsync(fleet.Owner, set[0].Id, fleet.OtherAccountId, Ct);
        using (await provider.OpenSnapshotAsync(fleet.Other, set[0].Id, Ct))
        {
        }

        await provider.UnshareSnapshotAsync(fleet.Owner, set[0].Id, fleet.OtherAccountId, Ct);
        foreach (var snapshot in set)
        {
            await provider.DeleteSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
        }

        Assert.Empty(fleet.Cloud.Denials);
        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
        Assert.Equal(0, fleet.Server.RejectedSignatures);
        Assert.Equal(0, fleet.Cloud.Ebs.RejectedSignatures);
        Assert.Equal(1, fleet.Cloud.AssumeRoleCalls);
    }

    [Fact]
    public async Task A_wrong_external_id_is_refused_by_sts()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with
        {
            Accounts = new FixedAwsAccountDirectory(((FixedAwsAccountDirectory)o.Accounts).Accounts
                .Select(a => a.RoleArn is null ? a : a with { ExternalId = "someone-elses-external-id" })),
        });

        var e = await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
        Assert.Contains("AssumeRole", e.Message, StringComparison.Ordinal);
        Assert.Contains(fleet.Cloud.Denials, d => d.Contains("external ID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_subscription_acts_in_a_shared_account_through_its_own_registration()
    {
        // Two subscriptions registered the target account: the first with the role's external ID, the second with
        // another connector's. The scope's subscription picks which is assumed, and no session is shared between them.
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o =>
        {
            var target = ((FixedAwsAccountDirectory)o.Accounts).Accounts.Single(a => a.RoleArn is not null);
            return o with
            {
                Accounts = new SubscriptionAccounts(new Dictionary<Guid, AwsAccount>
                {
                    [first] = target,
                    [second] = target with { ExternalId = "the-second-connectors-external-id" },
                }),
            };
        });

        Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner with { Subscription = first }, Ct));
        var refused = await ThrowsAsync(CloudErrorCode.AccessDenied,
            () => fleet.Provider.ListInstancesAsync(fleet.Owner with { Subscription = second }, Ct));
        Assert.Contains("AssumeRole", refused.Message, StringComparison.Ordinal);
        await ThrowsAsync(CloudErrorCode.NotFound, () => fleet.Provider.ListInstancesAsync(fleet.Owner with { Subscription = Guid.NewGuid() }, Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
        Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner with { Subscription = first }, Ct));
        Assert.Equal(2, fleet.Cloud.AssumeRoleCalls); // the first's session reused; the second's refused once
    }

    [Fact]
    public async Task The_role_refuses_snapshots_without_our_tags_and_of_excluded_instances()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        await ThrowsAsync(CloudErrorCode.AccessDenied, () =>
            fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, new Dictionary<string, string> { ["backup"] = "daily" }, Ct));
        var foreignTag = new Dictionary<string, string>(RunTags("run-1")) { ["owner"] = "someone" };
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, foreignTag, Ct));
        var otherTenant = new Dictionary<string, string>(RunTags("run-1")) { [SnapshotTags.Subscription] = SnapshotTags.SubscriptionValue("subscription-2") };
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, otherTenant, Ct));

        var excluded = fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region,
            new Dictionary<string, string> { ["Name"] = "payroll", ["snapsight:exclude"] = "true" }, [(TestVolumes.Raw, "/dev/xvda", null)], fleet.LaunchTime);
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, excluded.Id, RunTags("run-1"), Ct));

        Assert.Equal(4, fleet.Cloud.Denials.Count);
        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
    }

    [Fact]
    public async Task The_role_may_not_delete_read_or_share_a_snapshot_that_is_not_ours()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var foreign = fleet.Cloud.AddForeignSnapshot(fleet.Instance, new Dictionary<string, string> { ["backup"] = "daily" });
        await fleet.CompletePendingAsync();

        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.DeleteSnapshotAsync(fleet.Owner, foreign.Id, Ct));
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.OpenSnapshotAsync(fleet.Owner, foreign.Id, Ct));
        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.ShareSnapshotAsync(fleet.Owner, foreign.Id, fleet.OtherAccountId, Ct));
        Assert.Equal(["DeleteSnapshot", "ebs:GetSnapshotBlock", "ModifySnapshotAttribute"], fleet.Cloud.Denials.Select(d => d.Split(':')[0] == "ebs" ? "ebs:GetSnapshotBlock" : d.Split(':')[0]));
        Assert.Single(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
    }

    [Fact]
    public async Task Sharing_goes_only_to_the_service_account()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);

        await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.ShareSnapshotAsync(fleet.Owner, set[0].Id, "333333333333", Ct));
        Assert.Empty((await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, set[0].Id, Ct)).SharedWith);
    }

    [Fact]
    public async Task A_key_that_will_not_decrypt_is_reported_with_its_id()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        fleet.Cloud.Faults.KeysRefusingDecrypt[ContractInstance.DataKeyId] = true;
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, RunTags("run-1"), Ct);
        await fleet.CompletePendingAsync();

        using (await fleet.Provider.OpenSnapshotAsync(fleet.Owner, set[0].Id, Ct))
        {
            // The root volume is not encrypted: readable.
        }

        var e = await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.OpenSnapshotAsync(fleet.Owner, set[1].Id, Ct));
        Assert.Equal(ContractInstance.DataKeyId, e.EncryptionKeyId);
        Assert.Contains(ContractInstance.DataKeyId, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_and_its_clients_are_reused_until_it_nears_its_end_then_renewed_with_new_clients()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { RefreshBefore = TimeSpan.FromMinutes(10) }, clock);

        await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct); // a one-hour session
        var clients = fleet.Aws.SdkClientsMade; // STS's as the service account, and EC2's as the target role
        clock.Advance(TimeSpan.FromMinutes(49)); // 11 minutes left: still used
        await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct);
        Assert.Equal(1, fleet.Cloud.AssumeRoleCalls);
        Assert.Equal(clients, fleet.Aws.SdkClientsMade);

        clock.Advance(TimeSpan.FromMinutes(2)); // 9 minutes left: renewed first
        await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct);
        await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct);
        Assert.Equal(2, fleet.Cloud.AssumeRoleCalls);
        // One new client, EC2's, for the renewed session; STS's, as the unchanged service account, is kept.
        Assert.Equal(clients + 1, fleet.Aws.SdkClientsMade);

        // The first session has expired: the fake refuses its key, so the calls are signed with the renewed one.
        clock.Advance(TimeSpan.FromMinutes(15));
        await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct);
        Assert.Equal(2, fleet.Cloud.AssumeRoleCalls);
        Assert.Equal(clients + 1, fleet.Aws.SdkClientsMade);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_assume_role()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());

        var listings = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct))));

        Assert.All(listings, l => Assert.Equal(fleet.InstanceId, Assert.Single(l).Id));
        Assert.Equal(1, fleet.Cloud.AssumeRoleCalls);
    }

    [Fact]
    public async Task Every_instance_and_volume_is_found_across_pages()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var added = Enumerable.Range(0, 4).Select(i => fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region,
            new Dictionary<string, string> { ["Name"] = $"web-{i}" }, [(TestVolumes.Raw, "/dev/xvda", null), (TestVolumes.Raw, "/dev/xvdf", null)], fleet.LaunchTime)).ToList();

        var listed = await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct);

        // Two to a page: three pages of instances, five of volumes.
        Assert.Equal(added.Select(i => i.Id).Append(fleet.InstanceId).Order(StringComparer.Ordinal), listed.Select(i => i.Id));
        foreach (var instance in added)
        {
            var found = listed.Single(i => i.Id == instance.Id);
            Assert.Equal(instance.Tags["Name"], found.Name);
            Assert.Equal(instance.Volumes.Select(v => (v.Id, v.DeviceName, v.SizeGiB << 30)), found.Volumes.Select(v => (v.Id, v.DeviceName, v.SizeBytes)));
        }
    }

    [Fact]
    public async Task A_service_that_repeats_its_page_token_is_refused_instead_of_paged_for_ever()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        foreach (var i in Enumerable.Range(0, 4))
        {
            fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string>(), [(TestVolumes.Raw, "/dev/xvda", null)], fleet.LaunchTime);
        }

        fleet.Cloud.Faults.RepeatNextToken = true;
        var e = await ThrowsAsync(CloudErrorCode.Corrupt, () => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
        Assert.Contains("NextToken", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_by_the_sdk_and_past_its_attempts_are_transient()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct); // the session, first

        fleet.Cloud.Faults.FailNextEc2Requests = AwsContractFleet.Ec2Attempts - 1;
        Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));

        fleet.Cloud.Faults.FailNextEc2Requests = AwsContractFleet.Ec2Attempts;
        var e = await ThrowsAsync(CloudErrorCode.Unavailable, () => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
    }
}
