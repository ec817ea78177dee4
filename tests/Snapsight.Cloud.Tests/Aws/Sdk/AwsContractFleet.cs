using System.Text.Json.Nodes;
using Snapsight.AwsFake.Cloud;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>
/// The contract fleet on the fake AWS endpoints: target account 111111111111 (its role assumed
/// with its external ID) holds the instance, whose volumes are the local provider's test images
/// (the qcow2 converted to raw by qemu-img), grown to 1 GiB; 222222222222 is the service account.
/// In copy-and-share, the target account also holds the target template's copy key.
/// The provider talks to the fake through the AWS SDK and our EBS direct client, exactly as to AWS.
/// </summary>
public sealed class AwsContractFleet : ContractFleet
{
    public const string ExternalId = "snapsight-external-id-0f3c9a7e5b1d4c2a";
    public const int Ec2Attempts = 3;
    public const int EbsAttempts = 2;

    private const long Gib = 1024L * 1024 * 1024;

    private AwsContractFleet()
    {
    }

    public required FakeAwsCloud Cloud { get; init; }

    public required FakeAwsServer Server { get; init; }

    public required FakeInstance Instance { get; init; }

    /// <summary>The target role of subscription-1 in the owner account.</summary>
    public required FakeTargetAccount Target { get; init; }

    /// <summary>The options the provider was made with, for a test that makes a second provider on the same fake.</summary>
    public required AwsCloudOptions Options { get; init; }

    public required TempDirectory Directory { get; init; }

    public override long VolumeSizeUnit => Gib;

    /// <summary>The provider as what it is, for its EBS clients' counters.</summary>
    public AwsCloudProvider Aws => (AwsCloudProvider)Provider;

    /// <param name="clock">The provider's and the fake's clock (sessions are issued, expire and are renewed by it).</param>
    /// <param name="copyAndShare">The provider copies and shares, and the target template was deployed with copy-and-share (its copy key in the first region).</param>
    /// <param name="regions">The regions both accounts work in (the templates' regions); the instance is in the first. Default: eu-west-1 alone.</param>
    public static AwsContractFleet Create(
        ContractSettings settings, Func<AwsCloudOptions, AwsCloudOptions>? adjust = null, TimeProvider? clock = null, bool copyAndShare = false,
        IReadOnlyList<string>? regions = null)
    {
        clock ??= TimeProvider.System;
        regions ??= ["eu-west-1"];
        var directory = new TempDirectory();
        var owner = new CloudScope("111111111111", regions[0]);
        var cloud = new FakeAwsCloud("222222222222", regions, SnapshotTags.SubscriptionValue("subscription-1"))
        {
            MaxPendingSnapshotsPerAccount = settings.MaxPendingSnapshotsPerAccount,
            MaxConcurrentSnapshotsPerVolume = settings.MaxConcurrentSnapshotsPerVolume,
            Clock = clock,
        };
        var target = cloud.AddTargetAccount(owner.AccountId, ExternalId, regions);
        if (copyAndShare)
        {
            cloud.AddCopyKey(target, owner.Region);
        }

        var root = directory.File("root.raw");
        Tool.Run("qemu-img", "convert", "-f", "qcow2", "-O", "raw", TestVolumes.Qcow2, root);
        var launch = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var instance = cloud.AddInstance(owner.AccountId, owner.Region, ContractInstance.Tags,
            [(root, ContractInstance.RootDevice, null), (TestVolumes.Raw, ContractInstance.DataDevice, ContractInstance.DataKeyId)],
            launch, ContractInstance.PrivateIpAddress, ContractInstance.PublicIpAddress, ContractInstance.ImageId);
        var server = new FakeAwsServer(cloud);
        foreach (var fault in settings.Faults)
        {
            Inject(cloud, fault);
        }

        var options = new AwsCloudOptions
        {
            BaseCredentials = new FixedCredentialSource(cloud.ScanningKeys),
            Accounts = new FixedAwsAccountDirectory(
            [
                new AwsAccount { AccountId = owner.AccountId, RoleArn = target.RoleArn, ExternalId = ExternalId, Regions = regions },
                new AwsAccount { AccountId = cloud.ServiceAccountId, Regions = regions },
            ]),
            StsRegion = owner.Region,
            Ec2ServiceUrl = server.Endpoint,
            StsServiceUrl = server.Endpoint,
            KmsServiceUrl = server.Endpoint,
            SnapshotAccess = copyAndShare ? SnapshotAccess.CopyAndShareToServiceAccount : SnapshotAccess.ReadInPlace,
            SsmServiceUrl = server.Endpoint,
            MaxErrorRetry = Ec2Attempts - 1,
            Ebs = new EbsDirectOptions
            {
                Endpoint = cloud.Ebs.Endpoint,
                MaxAttempts = EbsAttempts,
                BaseBackoff = TimeSpan.FromMilliseconds(2),
                MaxBackoff = TimeSpan.FromMilliseconds(20),
            },
            // One block at a time, so that an injected read failure meets the read that asked for it.
            ReadAheadBlocks = 0,
            BlockCacheBytes = 64L << 20,
            // Every contract read goes through the incremental path (the first of a volume reads in full).
            BlockStore = new EbsBlockStoreOptions { Directory = directory.File("block-store") },
            TimeProvider = clock,
        };
        options = adjust?.Invoke(options) ?? options;
        return new AwsContractFleet
        {
            Provider = new AwsCloudProvider(options),
            Options = options,
            Target = target,
            Owner = owner,
            OtherAccountId = cloud.ServiceAccountId,
            InstanceId = instance.Id,
            LaunchTime = launch,
            Cloud = cloud,
            Server = server,
            Instance = instance,
            Directory = directory,
        };
    }

    /// <summary>What every Aws/Js script starts from: the fake's endpoint and region, the scanning role's keys, the target role and its external ID.</summary>
    public JsonObject JavaScriptInput() => new()
    {
        ["endpoint"] = Server.Endpoint.ToString(),
        ["region"] = Owner.Region,
        ["credentials"] = new JsonObject { ["accessKeyId"] = Cloud.ScanningKeys.AccessKeyId, ["secretAccessKey"] = Cloud.ScanningKeys.SecretAccessKey },
        ["roleArn"] = $"arn:aws:iam::{Owner.AccountId}:role/snapsight/snapsight-target",
        ["externalId"] = ExternalId,
    };

    /// <summary>
    /// The contract's faults, as the fake injects them: a fault that must reach the provider's caller
    /// is repeated for every attempt of the layer that retries it (the SDK for EC2, our client for EBS).
    /// </summary>
    private static void Inject(FakeAwsCloud cloud, ContractFault fault)
    {
        var times = fault.Times ?? int.MaxValue / Ec2Attempts;
        switch (fault.Kind)
        {
            case ContractFaultKind.CreationFails:
                cloud.Faults.CreationFailures = times;
                break;
            case ContractFaultKind.StuckPending:
                cloud.Faults.StuckPending = times;
                break;
            case ContractFaultKind.ReadError:
                cloud.Ebs.Faults.FailNextGetSnapshotBlock = times * EbsAttempts;
                break;
            default:
                cloud.Faults.ThrottleNextCreateSnapshots = times * Ec2Attempts;
                break;
        }
    }

    public override Task<IReadOnlyList<string>> CreateForeignSnapshotsAsync(IReadOnlyDictionary<string, string> tags) =>
        Task.FromResult<IReadOnlyList<string>>([Cloud.AddForeignSnapshot(Instance, tags).Id]);

    public override Task CompletePendingAsync()
    {
        Cloud.CompletePending();
        return Task.CompletedTask;
    }

    /// <summary>The volume's first <see cref="TestVolumes.Size"/> bytes, read from its file: where the fleet's content and writes are.</summary>
    public override async Task<byte[]> ReadVolumeAsync(string volumeId)
    {
        var bytes = new byte[TestVolumes.Size];
        using var file = File.OpenHandle(Volume(volumeId).ImagePath);
        await RandomAccess.ReadAsync(file, bytes, 0);
        return bytes;
    }

    public override async Task WriteVolumeAsync(string volumeId, long offset, int length, byte pattern)
    {
        var data = new byte[length];
        Array.Fill(data, pattern);
        using var file = File.OpenHandle(Volume(volumeId).ImagePath, FileMode.Open, FileAccess.Write);
        await RandomAccess.WriteAsync(file, data, offset);
    }

    public override void Dispose()
    {
        ((IDisposable)Provider).Dispose();
        Server.Dispose();
        Cloud.Dispose();
        Directory.Dispose();
    }

    private FakeVolume Volume(string volumeId) => Instance.Volumes.Single(v => v.Id == volumeId);
}
