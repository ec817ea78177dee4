using System.Text.Json.Nodes;
using Snapsight.AwsFake;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// The EC2 and STS fake proven against a client nobody here wrote: the AWS SDK for JavaScript
/// (@aws-sdk/client-sts, @aws-sdk/client-ec2: its own signing, Query serialization, XML parsing,
/// paging and errors) assumes the target role, lists what our .NET provider lists, reads (with
/// @aws-sdk/client-ebs, as that role) the blocks our provider reads from a snapshot it made,
/// snapshots the instance with our tags, describes and deletes the snapshots; and is refused what
/// the templates do not grant. For copy-and-share, @aws-sdk/client-kms finds the copy key by its
/// alias and @aws-sdk/client-ec2 copies a snapshot under it: our provider takes that copy for its
/// own and the service account reads it as its source.
/// </summary>
public sealed class FakeAwsJavaScriptClientTests
{
    [Fact]
    public async Task The_javascript_sdk_sees_what_our_provider_sees_and_is_refused_what_the_role_may_not_do()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        foreach (var name in new[] { "db", "cache" })
        {
            fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region, new Dictionary<string, string> { ["Name"] = name },
                [(TestVolumes.Raw, "/dev/xvda", null), (TestVolumes.Raw, "/dev/xvdf", ContractInstance.DataKeyId)], fleet.LaunchTime);
        }

        var ours = await fleet.Provider.ListInstancesAsync(fleet.Owner, CancellationToken.None);
        var ourSet = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, ContractTags.Run("dotnet-run"), CancellationToken.None);
        await fleet.CompletePendingAsync();
        var tags = ContractTags.Run("js-run");
        var input = fleet.JavaScriptInput();
        input["instanceId"] = fleet.InstanceId;
        input["tags"] = new JsonObject([.. tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);
        input["ebsEndpoint"] = fleet.Cloud.Ebs.Endpoint.ToString();
        input["readSnapshotId"] = ourSet[0].Id;

        var output = JsonNode.Parse(AwsSdkJs.Run("ec2-sts-client.js", input.ToJsonString()))!;

        // Three instances two to a page, six volumes likewise.
        Assert.Equal(2, output["pages"]!["instances"]!.GetValue<int>());
        Assert.Equal(3, output["pages"]!["volumes"]!.GetValue<int>());
        var theirs = output["instances"]!.AsArray().Select(i => i!).OrderBy(i => i["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        var volumes = output["volumes"]!.AsArray().ToDictionary(v => v!["id"]!.GetValue<string>(), v => v!);
        Assert.Equal(ours.Select(i => i.Id), theirs.Select(i => i["id"]!.GetValue<string>()));
        foreach (var (mine, js) in ours.Zip(theirs))
        {
            Assert.Equal("running", js["state"]!.GetValue<string>());
            Assert.Equal(mine.ImageId, js["imageId"]!.GetValue<string>());
            Assert.Equal(mine.LaunchTime, DateTimeOffset.Parse(js["launchTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(mine.PrivateIpAddress?.ToString(), js["privateIp"]?.GetValue<string>());
            Assert.Equal(mine.PublicIpAddress?.ToString(), js["publicIp"]?.GetValue<string>());
            Assert.Equal(mine.Tags.OrderBy(t => t.Key), js["tags"]!.AsObject().Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<string>())).OrderBy(t => t.Key));
            Assert.Equal(mine.Volumes.Select(v => (v.DeviceName, v.Id)),
                js["devices"]!.AsArray().Select(d => (d![0]!.GetValue<string>(), d[1]!.GetValue<string>())));
            Assert.Equal(mine.Volumes.Select(v => (v.SizeBytes, v.EncryptionKeyId)),
                mine.Volumes.Select(v => (volumes[v.Id]["size"]!.GetValue<long>() << 30, volumes[v.Id]["kmsKeyId"]?.GetValue<string>())));
        }

        var instance = ours.Single(i => i.Id == fleet.InstanceId);
        var described = output["described"]!.AsArray().Select(s => s!).OrderBy(s => instance.Volumes.ToList().FindIndex(v => v.Id == s["volumeId"]!.GetValue<string>())).ToList();
        Assert.Equal(instance.Volumes.Select(v => v.Id), described.Select(s => s["volumeId"]!.GetValue<string>()));
        Assert.Equal(instance.Volumes.Select(v => v.EncryptionKeyId), described.Select(s => s["kmsKeyId"]?.GetValue<string>()));
        Assert.All(described, s =>
        {
            Assert.Equal("pending", s["state"]!.GetValue<string>());
            Assert.Equal(fleet.Owner.AccountId, s["ownerId"]!.GetValue<string>());
            Assert.Equal(tags.OrderBy(t => t.Key), s["tags"]!.AsObject().Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<string>())).OrderBy(t => t.Key));
        });
        Assert.Equal(ourSet.Select(s => s.Id).Order(StringComparer.Ordinal), output["left"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(ourSet.Select(s => s.Id).Order(StringComparer.Ordinal), fleet.Cloud.SnapshotsOf(fleet.Owner.AccountId).Select(s => s.Id));

        // Every written block the SDK read is what our provider's device reads at that place.
        var blocks = output["blocks"]!.AsArray().Select(b => (Index: b![0]!.GetValue<long>(), Sha256: b[1]!.GetValue<string>())).ToList();
        Assert.Equal(new FakeEbsSnapshot(ourSet[0].Id, fleet.Instance.Volumes[0].ImagePath).WrittenBlocks, blocks.Select(b => b.Index));
        using var device = await fleet.Provider.OpenSnapshotAsync(fleet.Owner, ourSet[0].Id, CancellationToken.None);
        var block = new byte[Cloud.Aws.Ebs.EbsLimits.BlockSize];
        foreach (var (index, sha256) in blocks)
        {
            Assert.Equal(block.Length, await device.ReadAsync(index * block.Length, block, CancellationToken.None));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(block)), sha256);
        }

        Assert.Equal("AccessDenied", output["refused"]!["wrongExternalId"]!.GetValue<string>());
        Assert.Equal("UnauthorizedOperation", output["refused"]!["untaggedCreate"]!.GetValue<string>());
        Assert.Equal(2, fleet.Cloud.Denials.Count); // those two, and nothing the scenario needed
        Assert.Equal(0, fleet.Server.RejectedSignatures);
    }

    [Fact]
    public async Task The_javascript_sdk_copies_under_the_copy_key_as_our_provider_does()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings(), copyAndShare: true);
        var key = Assert.Single(fleet.Cloud.KeysOf(fleet.Owner.AccountId));
        var tags = ContractTags.Run("js-run");
        var source = (await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, tags, CancellationToken.None))[0];
        await fleet.CompletePendingAsync();
        var copyTags = new Dictionary<string, string>(tags) { [Cloud.SnapshotTags.CopyOf] = source.Id };
        var input = fleet.JavaScriptInput();
        input["alias"] = "alias/snapsight-scan-copies-" + Cloud.SnapshotTags.SubscriptionValue("subscription-1");
        input["sourceSnapshotId"] = source.Id;
        input["tags"] = new JsonObject([.. copyTags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]);

        var output = JsonNode.Parse(AwsSdkJs.Run("copy-share-client.js", input.ToJsonString()))!;

        Assert.Equal((key.KeyId, key.Arn, fleet.Owner.AccountId, true, "Enabled", "CUSTOMER"),
            (output["key"]!["keyId"]!.GetValue<string>(), output["key"]!["arn"]!.GetValue<string>(), output["key"]!["account"]!.GetValue<string>(),
             output["key"]!["enabled"]!.GetValue<bool>(), output["key"]!["state"]!.GetValue<string>(), output["key"]!["manager"]!.GetValue<string>()));
        var copyId = output["copy"]!["id"]!.GetValue<string>();
        var described = output["described"]!;
        Assert.Equal((copyId, "pending", "vol-ffffffff", fleet.Owner.AccountId, true, key.Arn),
            (described["id"]!.GetValue<string>(), described["state"]!.GetValue<string>(), described["volumeId"]!.GetValue<string>(),
             described["ownerId"]!.GetValue<string>(), described["encrypted"]!.GetValue<bool>(), described["kmsKeyId"]!.GetValue<string>()));
        Assert.Equal(copyTags.OrderBy(t => t.Key), described["tags"]!.AsObject().Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<string>())).OrderBy(t => t.Key));
        Assert.Equal(copyTags.OrderBy(t => t.Key), output["copy"]!["tags"]!.AsObject().Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<string>())).OrderBy(t => t.Key));

        // Our provider finds the SDK's copy by its tags instead of making a second, and sees it as the SDK does.
        var ours = await fleet.Provider.CopySnapshotAsync(fleet.Owner, source.Id, CancellationToken.None);
        Assert.Equal((copyId, key.Arn), (ours.Id, ours.EncryptionKeyId));
        await fleet.CompletePendingAsync();
        await fleet.Provider.ShareSnapshotAsync(fleet.Owner, copyId, fleet.OtherAccountId, CancellationToken.None);
        using var copy = await fleet.Provider.OpenSnapshotAsync(fleet.Other, copyId, CancellationToken.None);
        using var original = await fleet.Provider.OpenSnapshotAsync(fleet.Owner, source.Id, CancellationToken.None);
        var (fromCopy, fromSource) = (new byte[1 << 20], new byte[1 << 20]);
        Assert.Equal(fromCopy.Length, await copy.ReadAsync(0, fromCopy, CancellationToken.None));
        Assert.Equal(fromSource.Length, await original.ReadAsync(0, fromSource, CancellationToken.None));
        Assert.Equal(fromSource, fromCopy);

        Assert.Equal("NotFoundException", output["refused"]!["unknownAlias"]!.GetValue<string>());
        Assert.Equal("UnauthorizedOperation", output["refused"]!["untaggedCopy"]!.GetValue<string>());
        Assert.Single(fleet.Cloud.Denials); // the untagged copy, and nothing the scenario needed
        Assert.Equal(0, fleet.Server.RejectedSignatures);
    }
}
