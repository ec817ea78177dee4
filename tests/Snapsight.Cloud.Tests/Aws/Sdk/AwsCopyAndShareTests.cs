using Snapsight.AwsFake.Cloud;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// What the AWS provider owes in copy-and-share mode: copies of a completed set under the copy key,
/// tagged ours and with their source from creation, made once however often asked, shared with the
/// service account only and read by it with its own credentials, and deleted by tag with their
/// sources; the fake refuses anything the templates do not grant, and a key policy that blocks the
/// copy or the read is reported with the key's id.
/// </summary>
public sealed class AwsCopyAndShareTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static Task<CloudProviderException> ThrowsAsync(CloudErrorCode code, Func<Task> call) => ContractTags.ThrowsAsync(code, call);

    [Fact]
    public async Task The_service_account_reads_each_copy_as_its_volume_and_cleanup_by_tag_leaves_nothing()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var provider = fleet.Provider;
        var key = Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId));
        Assert.Equal(SnapshotAccess.CopyAndShareToServiceAccount, provider.SnapshotAccess);
        var tags = ContractTags.Run("run-1");
        var set = await provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, tags, Ct);
        await ThrowsAsync(CloudErrorCode.InvalidState, () => provider.CopySnapshotAsync(fleet.Owner, set[0].Id, Ct)); // still pending
        await fleet.CompletePendingAsync();

        var copies = new List<CloudSnapshot>();
        foreach (var source in set)
        {
            var copy = await provider.CopySnapshotAsync(fleet.Owner, source.Id, Ct);
            Assert.Equal(SnapshotState.Pending, copy.State);
            Assert.Equal(key.Arn, copy.EncryptionKeyId);
            Assert.Equal(tags.Append(KeyValuePair.Create(SnapshotTags.CopyOf, source.Id)).OrderBy(t => t.Key), copy.Tags.OrderBy(t => t.Key));
            // Asked again (a step repeated after a crash): the same copy, not a second one.
            Assert.Equal(copy.Id, (await provider.CopySnapshotAsync(fleet.Owner, source.Id, Ct)).Id);
            copies.Add(copy);
        }

        await fleet.CompletePendingAsync();
        foreach (var (source, copy) in set.Zip(copies))
        {
            await provider.ShareSnapshotAsync(fleet.Owner, copy.Id, fleet.OtherAccountId, Ct);
            Assert.Equal([fleet.OtherAccountId], (await provider.DescribeSnapshotAsync(fleet.Owner, copy.Id, Ct)).SharedWith);
            var content = await fleet.ReadVolumeAsync(source.VolumeId);
            using var device = await provider.OpenSnapshotAsync(fleet.Other, copy.Id, Ct);
            Assert.Equal(source.VolumeSizeBytes, device.Length);
            Assert.Equal(content, await ReadAsync(device, content.Length));
            // The source was never shared: the service account cannot read it.
            await ThrowsAsync(CloudErrorCode.AccessDenied, () => provider.OpenSnapshotAsync(fleet.Other, source.Id, Ct));
        }

        var tagged = await provider.ListSnapshotsByTagsAsync(fleet.Owner, tags, Ct);
        Assert.Equal(set.Concat(copies).Select(s => s.Id).Order(StringComparer.Ordinal), tagged.Select(s => s.Id));
        foreach (var snapshot in tagged)
        {
            await provider.DeleteSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
        }

        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
        // Only the refused read of the unshared source, which the test asked for.
        Assert.All(fleet.Cloud.Denials, d => Assert.StartsWith("ebs:GetSnapshotBlock", d, StringComparison.Ordinal));
        Assert.Equal(0, fleet.Server.RejectedSignatures);
        Assert.Equal(0, fleet.Cloud.Ebs.RejectedSignatures);
    }

    [Fact]
    public async Task A_whole_copy_and_share_flow_needs_nothing_the_templates_do_not_grant()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("run-1"), Ct);
        await fleet.CompletePendingAsync();
        var copies = new List<string>();
        foreach (var source in set)
        {
            copies.Add((await fleet.Provider.CopySnapshotAsync(fleet.Owner, source.Id, Ct)).Id);
        }

        await fleet.CompletePendingAsync();
        foreach (var copy in copies)
        {
            await fleet.Provider.ShareSnapshotAsync(fleet.Owner, copy, fleet.OtherAccountId, Ct);
            using var device = await fleet.Provider.OpenSnapshotAsync(fleet.Other, copy, Ct);
            Assert.Equal(4096, await device.ReadAsync(0, new byte[4096], Ct));
        }

        foreach (var snapshot in await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, ContractTags.Run("run-1"), Ct))
        {
            await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
        }

        Assert.Empty(fleet.Cloud.Denials);
        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
    }

    [Fact]
    public async Task A_copy_key_policy_that_does_not_name_the_scanning_role_refuses_the_read_and_names_the_key()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var key = Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId));
        key.Users.Remove(fleet.Cloud.ScanningRoleArn);
        var copy = await CompletedCopyAsync(fleet, 0);
        await fleet.Provider.ShareSnapshotAsync(fleet.Owner, copy, fleet.OtherAccountId, Ct);

        var e = await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.OpenSnapshotAsync(fleet.Other, copy, Ct));

        Assert.Equal(key.Arn, e.EncryptionKeyId);
        Assert.Contains(key.Arn, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_key_policy_that_does_not_name_the_target_role_refuses_the_copy_and_names_the_key()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var key = Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId));
        key.Users.Remove(AwsTargetRole(fleet));
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("run-1"), Ct);
        await fleet.CompletePendingAsync();

        var e = await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.CopySnapshotAsync(fleet.Owner, set[0].Id, Ct));

        Assert.Equal(key.Arn, e.EncryptionKeyId);
        Assert.Single(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, new Dictionary<string, string> { [SnapshotTags.Run] = "run-1" }, Ct), s => s.Id == set[0].Id);
        Assert.Equal(set.Count, fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId).Count);
    }

    [Fact]
    public async Task A_volume_key_that_will_not_decrypt_for_the_copy_is_named_not_the_copy_key()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        fleet.Cloud.Faults.KeysRefusingDecrypt[ContractInstance.DataKeyId] = true;
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("run-1"), Ct);
        await fleet.CompletePendingAsync();

        Assert.NotNull(await fleet.Provider.CopySnapshotAsync(fleet.Owner, set[0].Id, Ct)); // the root volume is not encrypted
        var e = await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.CopySnapshotAsync(fleet.Owner, set[1].Id, Ct));

        Assert.Equal(ContractInstance.DataKeyId, e.EncryptionKeyId);
    }

    [Fact]
    public async Task Without_the_copy_key_in_the_region_the_copy_is_refused_with_what_to_deploy()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), o => o with { SnapshotAccess = SnapshotAccess.CopyAndShareToServiceAccount });
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("run-1"), Ct);
        await fleet.CompletePendingAsync();

        var e = await ThrowsAsync(CloudErrorCode.InvalidParameter, () => fleet.Provider.CopySnapshotAsync(fleet.Owner, set[0].Id, Ct));

        Assert.Contains("alias/snapsight-scan-copies-" + SnapshotTags.SubscriptionValue("subscription-1"), e.Message, StringComparison.Ordinal);
        Assert.Contains("copy-and-share", e.Message, StringComparison.Ordinal);
        Assert.Equal(set.Count, fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId).Count);
    }

    [Fact]
    public async Task In_a_further_region_the_copy_waits_for_that_regions_copy_key_then_works_as_in_the_first()
    {
        // The target template deployed in both regions (docs/aws.md, "Copy and share"): the primary region's stack first, with
        // the role and the first key; the second region's stack instance adds only its own key.
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true, regions: ["eu-west-1", "eu-central-1"]);
        var second = new CloudScope(fleet.Owner.AccountId, "eu-central-1");
        var instance = fleet.Cloud.AddInstance(second.AccountId, second.Region, ContractInstance.Tags, [(TestVolumes.Raw, "/dev/xvda", null)], fleet.LaunchTime);
        var set = await fleet.Provider.CreateSnapshotSetAsync(second, instance.Id, ContractTags.Run("run-2"), Ct);
        await fleet.CompletePendingAsync();

        // Before the second region's stack: the first region's key is of no use here, and the copy says what to deploy.
        var refused = await ThrowsAsync(CloudErrorCode.InvalidParameter, () => fleet.Provider.CopySnapshotAsync(second, set[0].Id, Ct));
        Assert.Contains($"in {second}: deploy the target template there with copy-and-share on", refused.Message, StringComparison.Ordinal);

        var key = fleet.Cloud.AddCopyKey(fleet.Target, second.Region);
        var copy = await fleet.Provider.CopySnapshotAsync(second, set[0].Id, Ct);
        Assert.Equal(key.Arn, copy.EncryptionKeyId);
        await fleet.CompletePendingAsync();
        await fleet.Provider.ShareSnapshotAsync(second, copy.Id, fleet.OtherAccountId, Ct);
        var content = await File.ReadAllBytesAsync(TestVolumes.Raw);
        using (var device = await fleet.Provider.OpenSnapshotAsync(new CloudScope(fleet.OtherAccountId, second.Region), copy.Id, Ct))
        {
            Assert.Equal(content, await ReadAsync(device, content.Length));
        }

        foreach (var snapshot in await fleet.Provider.ListSnapshotsByTagsAsync(second, ContractTags.Run("run-2"), Ct))
        {
            await fleet.Provider.DeleteSnapshotAsync(second, snapshot.Id, Ct);
        }

        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
        Assert.Empty(fleet.Cloud.Denials);
    }

    [Fact]
    public async Task Two_subscriptions_in_one_account_and_region_each_copy_share_and_read_under_their_own_key_and_neither_uses_the_others()
    {
        // Subscription-1 as the fleet has it; subscription-2 of a second Snapsight (its own service account and scanning
        // role) deploys its target template with copy-and-share in the same account and region: its own role and key.
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var region = fleet.Owner.Region;
        var subscription = SnapshotTags.SubscriptionValue("subscription-2");
        var service = fleet.Cloud.AddServiceAccount("333333333333", subscription);
        var target = fleet.Cloud.AddTargetAccount(fleet.Owner.AccountId, "second-external-id-7d2e4b19a0c3", [region], subscription, "SnapsightTarget-" + subscription);
        var keys = new[] { Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId)), fleet.Cloud.AddCopyKey(target, region) };
        Assert.Equal(["alias/snapsight-scan-copies-" + SnapshotTags.SubscriptionValue("subscription-1"), "alias/snapsight-scan-copies-" + subscription], keys.Select(k => k.Alias));
        using var secondProvider = new AwsCloudProvider(fleet.Options with
        {
            BaseCredentials = new FixedCredentialSource(service.Keys),
            Accounts = new FixedAwsAccountDirectory(
            [
                new AwsAccount { AccountId = target.AccountId, RoleArn = target.RoleArn, ExternalId = target.ExternalId, Regions = target.Regions },
                new AwsAccount { AccountId = service.AccountId, Regions = target.Regions },
            ]),
            BlockStore = null,
        });
        var providers = new ICloudProvider[] { fleet.Provider, secondProvider };
        var readers = new[] { fleet.Other, new CloudScope(service.AccountId, region) };
        var tags = new[] { ContractTags.Run("run-1"), new Dictionary<string, string>(ContractTags.Run("run-2")) { [SnapshotTags.Subscription] = subscription } };
        var sources = new List<CloudSnapshot>();
        foreach (var (provider, runTags) in providers.Zip(tags))
        {
            sources.Add((await provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, runTags, Ct))[0]);
        }

        await fleet.CompletePendingAsync();

        // Neither role may use the other's key: a copy of the other's snapshot (under that subscription's alias) is refused by the key's policy.
        for (var i = 0; i < 2; i++)
        {
            var e = await ThrowsAsync(CloudErrorCode.AccessDenied, () => providers[i].CopySnapshotAsync(fleet.Owner, sources[1 - i].Id, Ct));
            Assert.Equal(keys[1 - i].Arn, e.EncryptionKeyId);
        }

        // Each role trusts only its own subscription's scanning role, whatever the external ID.
        using (var stolen = new AwsCloudProvider(fleet.Options with
        {
            BaseCredentials = new FixedCredentialSource(service.Keys),
            Accounts = new FixedAwsAccountDirectory([new AwsAccount { AccountId = fleet.Owner.AccountId, RoleArn = fleet.Target.RoleArn, ExternalId = fleet.Target.ExternalId, Regions = [region] }]),
            BlockStore = null,
        }))
        {
            await ThrowsAsync(CloudErrorCode.AccessDenied, () => stolen.DescribeSnapshotAsync(fleet.Owner, sources[0].Id, Ct));
        }

        // A call acting for a subscription copies only that subscription's snapshots, before asking AWS anything.
        var stranger = fleet.Owner with { Subscription = Guid.NewGuid() };
        Assert.Contains("another subscription's", (await ThrowsAsync(CloudErrorCode.AccessDenied, () => fleet.Provider.CopySnapshotAsync(stranger, sources[0].Id, Ct))).Message, StringComparison.Ordinal);

        var content = await fleet.ReadVolumeAsync(sources[0].VolumeId);
        for (var i = 0; i < 2; i++)
        {
            var copy = await providers[i].CopySnapshotAsync(fleet.Owner, sources[i].Id, Ct);
            Assert.Equal(keys[i].Arn, copy.EncryptionKeyId);
            await fleet.CompletePendingAsync();
            await providers[i].ShareSnapshotAsync(fleet.Owner, copy.Id, readers[i].AccountId, Ct);
            using (var device = await providers[i].OpenSnapshotAsync(readers[i], copy.Id, Ct))
            {
                Assert.Equal(content, await ReadAsync(device, content.Length));
            }

            // The other Snapsight's scanning role cannot read it: it is shared with this one's service account only.
            await ThrowsAsync(CloudErrorCode.AccessDenied, () => providers[1 - i].OpenSnapshotAsync(readers[1 - i], copy.Id, Ct));
        }

        for (var i = 0; i < 2; i++)
        {
            foreach (var snapshot in await providers[i].ListSnapshotsByTagsAsync(fleet.Owner, tags[i], Ct))
            {
                await providers[i].DeleteSnapshotAsync(fleet.Owner, snapshot.Id, Ct);
            }
        }

        Assert.Empty(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
        // Only the refusals the test asked for: each role's look-up of the other's key, the other scanning role's assume-role,
        // each scanning role's read of the other's copy.
        Assert.Equal(2, fleet.Cloud.Denials.Count(d => d.StartsWith("kms:DescribeKey", StringComparison.Ordinal)));
        Assert.Contains(fleet.Cloud.Denials, d => d.StartsWith("sts:AssumeRole", StringComparison.Ordinal));
        Assert.All(fleet.Cloud.Denials, d => Assert.True(
            d.StartsWith("kms:DescribeKey", StringComparison.Ordinal) || d.StartsWith("sts:AssumeRole", StringComparison.Ordinal) || d.StartsWith("ebs:GetSnapshotBlock", StringComparison.Ordinal), d));
    }

    [Fact]
    public void One_alias_for_two_subscriptions_in_an_account_and_region_is_refused_to_the_second_as_kms_does()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var subscription = SnapshotTags.SubscriptionValue("subscription-2");
        var target = fleet.Cloud.AddTargetAccount(fleet.Owner.AccountId, "second-external-id-7d2e4b19a0c3", [fleet.Owner.Region], subscription, "SnapsightTarget-" + subscription);
        var first = Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId));

        // The fixed alias every subscription's template once made: the second stack's alias fails as on AWS.
        var e = Assert.Throws<FakeAwsErrorException>(() => fleet.Cloud.AddCopyKey(target, fleet.Owner.Region, first.Alias));

        Assert.Equal("AlreadyExistsException", e.Code);
        Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId));
        // Its own alias in that region, and the same alias in another region, are taken.
        Assert.NotNull(fleet.Cloud.AddCopyKey(target, fleet.Owner.Region));
        Assert.NotNull(fleet.Cloud.AddCopyKey(target, "eu-central-1", first.Alias));
        Assert.Equal(3, fleet.Cloud.KeysOf(fleet.Owner.AccountId).Count);
    }

    [Fact]
    public async Task Read_in_place_stays_the_default_and_an_account_without_the_copy_key_copies_nothing()
    {
        using var inPlace = AwsContractFleet.Create(new ContractSettings());
        var set = await inPlace.Provider.CreateSnapshotSetAsync(inPlace.Owner, inPlace.InstanceId, ContractTags.Run("run-1"), Ct);
        await inPlace.CompletePendingAsync();

        Assert.Equal(SnapshotAccess.ReadInPlace, inPlace.Provider.SnapshotAccess);
        // The default is only for accounts that did not say: asked to copy in one whose template made no copy key, the provider says so.
        var e = await ThrowsAsync(CloudErrorCode.InvalidParameter, () => inPlace.Provider.CopySnapshotAsync(inPlace.Owner, set[0].Id, Ct));
        Assert.Contains("deploy the target template there with copy-and-share on", e.Message, StringComparison.Ordinal);
        Assert.Equal(set.Count, inPlace.Cloud.SnapshotsOf(inPlace.Owner.AccountId).Count);
    }

    [Fact]
    public async Task A_provider_reading_in_place_by_default_copies_in_an_account_whose_template_made_the_copy_key()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true, adjust: o => o with { SnapshotAccess = SnapshotAccess.ReadInPlace });
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("run-1"), Ct);
        await fleet.CompletePendingAsync();

        var copy = await fleet.Provider.CopySnapshotAsync(fleet.Owner, set[0].Id, Ct);

        Assert.Equal(Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId)).Arn, copy.EncryptionKeyId);
        Assert.Equal(set[0].Id, copy.Tags[SnapshotTags.CopyOf]);
    }

    [Fact]
    public async Task Only_our_snapshots_are_copied()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var foreign = fleet.Cloud.AddForeignSnapshot(fleet.Instance, new Dictionary<string, string> { ["backup"] = "daily" });
        await fleet.CompletePendingAsync();

        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => fleet.Provider.CopySnapshotAsync(fleet.Owner, foreign.Id, Ct));
        Assert.Single(fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId));
    }

    /// <summary>A completed copy of the completed snapshot of the instance's volume at <paramref name="index"/>.</summary>
    private static async Task<string> CompletedCopyAsync(AwsContractFleet fleet, int index)
    {
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("run-1"), Ct);
        await fleet.CompletePendingAsync();
        var copy = await fleet.Provider.CopySnapshotAsync(fleet.Owner, set[index].Id, Ct);
        await fleet.CompletePendingAsync();
        return copy.Id;
    }

    private static async Task<byte[]> ReadAsync(Snapsight.Disk.BlockDevices.IBlockDevice device, int length)
    {
        var bytes = new byte[length];
        for (var done = 0; done < length;)
        {
            var n = await device.ReadAsync(done, bytes.AsMemory(done), Ct);
            Assert.True(n > 0, $"the device ended at {done} of {length}");
            done += n;
        }

        return bytes;
    }

    private static string AwsTargetRole(AwsContractFleet fleet) => $"arn:aws:iam::{fleet.Owner.AccountId}:role/snapsight/snapsight-target";
}
