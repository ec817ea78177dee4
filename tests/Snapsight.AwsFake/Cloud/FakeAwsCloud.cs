using System.Collections.Concurrent;
using System.Security.Cryptography;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Local;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// The state behind the fake EC2, STS and EBS endpoints: a service account whose scanning role
/// holds <see cref="ScanningKeys"/>, target accounts with their role and external ID, instances
/// whose volumes are raw image files, snapshots (a sparse copy of the volume's file taken at
/// creation, served by <see cref="Ebs"/>), and the sessions AssumeRole issued. Who may do what is
/// <see cref="FakeAwsPolicy"/>'s: the permissions our templates grant, no more. Every refusal is
/// recorded in <see cref="Denials"/>, so a test can say that a flow needed nothing more.
/// </summary>
public sealed partial class FakeAwsCloud : IDisposable
{
    private readonly object _gate = new();
    /// <summary>Target roles by ARN.</summary>
    private readonly Dictionary<string, FakeTargetAccount> _targets = new(StringComparer.Ordinal);
    private readonly List<FakeInstance> _instances = [];
    private readonly Dictionary<string, FakeSnapshotRecord> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _denials = new();
    /// <summary>Service accounts by their scanning role's access key id.</summary>
    private readonly ConcurrentDictionary<string, FakeServiceAccount> _serviceAccounts = new(StringComparer.Ordinal);
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("snapsight-aws-fake-");

    public FakeAwsCloud(string serviceAccountId, IReadOnlyList<string> serviceRegions, string subscriptionTagValue)
    {
        ServiceAccountId = serviceAccountId;
        ServiceRegions = serviceRegions;
        SubscriptionTagValue = subscriptionTagValue;
        _serviceAccounts[ScanningKeys.AccessKeyId] = new FakeServiceAccount(serviceAccountId, ScanningKeys, subscriptionTagValue);
        Ebs = new FakeEbsServer(new FakeCloudEbsAuthority(this));
    }

    public string ServiceAccountId { get; }

    public IReadOnlyList<string> ServiceRegions { get; }

    /// <summary>The subscription tag value the templates were rendered with: the only one the roles accept.</summary>
    public string SubscriptionTagValue { get; }

    /// <summary>The scanning role's keys in the service account (what its instance profile would give).</summary>
    public AwsCredentials ScanningKeys { get; } = new("AKIAFAKESCANNINGROLE", "fake/scanning+role/secret/for/the/loopback/cloud");

    public string ScanningRoleArn => _serviceAccounts[ScanningKeys.AccessKeyId].ScanningRoleArn;

    /// <summary>The tag that keeps an instance out of every snapshot (the template's Deny).</summary>
    public (string Key, string Value) Exclusion { get; init; } = ("snapsight:exclude", "true");

    /// <summary>The fake EBS direct endpoint serving this cloud's snapshots to its sessions.</summary>
    public FakeEbsServer Ebs { get; }

    public FakeAwsFaults Faults { get; } = new();

    /// <summary>The most items one Describe page holds, whatever MaxResults asks: small, so paging is exercised.</summary>
    public int PageLimit { get; init; } = 2;

    public int MaxPendingSnapshotsPerAccount { get; set; } = 100;

    public int MaxConcurrentSnapshotsPerVolume { get; set; } = 5;

    /// <summary>The clock sessions are issued and expire by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long issued sessions last at most (the target role's MaxSessionDuration).</summary>
    public TimeSpan MaxSessionDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Every request refused for want of a permission or a wrong external ID: "action: why".</summary>
    public IReadOnlyList<string> Denials => [.. _denials];

    public int AssumeRoleCalls => Volatile.Read(ref _assumeRoleCalls);

    private int _assumeRoleCalls;

    /// <summary>
    /// Deploys a second Snapsight's service template in <paramref name="accountId"/>: a scanning role of its own (new keys),
    /// in this cloud's service regions, reading only snapshots tagged with <paramref name="subscriptionTagValue"/>.
    /// </summary>
    public FakeServiceAccount AddServiceAccount(string accountId, string subscriptionTagValue)
    {
        var keys = new AwsCredentials("AKIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)));
        var account = new FakeServiceAccount(accountId, keys, subscriptionTagValue);
        lock (_gate)
        {
            // Two deployments in one account would have one scanning role ARN, and two of one subscription an ambiguous trust.
            if (_serviceAccounts.Values.FirstOrDefault(s => s.AccountId == accountId || s.SubscriptionTagValue == subscriptionTagValue) is { } clash)
            {
                throw new ArgumentException($"service account {clash.AccountId} of subscription {clash.SubscriptionTagValue} is deployed already", nameof(accountId));
            }

            _serviceAccounts[keys.AccessKeyId] = account;
        }

        return account;
    }

    /// <summary>
    /// Deploys a target template in <paramref name="accountId"/>: its role <c>role/snapsight/<paramref name="roleName"/></c>
    /// (replacing a role of that name), trusting the scanning role with <paramref name="externalId"/>, for the subscription
    /// whose tag value is <paramref name="subscriptionTagValue"/> (by default <see cref="SubscriptionTagValue"/>).
    /// </summary>
    public FakeTargetAccount AddTargetAccount(
        string accountId, string externalId, IReadOnlyList<string> regions, string? subscriptionTagValue = null, string roleName = "snapsight-target")
    {
        var account = new FakeTargetAccount(accountId, $"arn:aws:iam::{accountId}:role/snapsight/{roleName}", externalId, regions,
            subscriptionTagValue ?? SubscriptionTagValue);
        lock (_gate)
        {
            _targets[account.RoleArn] = account;
        }

        return account;
    }

    /// <summary>Adds an instance whose volumes are copies of <paramref name="images"/> (raw), each grown to whole GiB.</summary>
    public FakeInstance AddInstance(
        string accountId, string region, IReadOnlyDictionary<string, string> tags, IReadOnlyList<(string Image, string Device, string? KmsKeyId)> images,
        DateTimeOffset launchTime, System.Net.IPAddress? privateIp = null, System.Net.IPAddress? publicIp = null, string imageId = "ami-0123456789abcdef0")
    {
        var volumes = images.Select(v =>
        {
            var id = "vol-" + Hex17();
            var path = CopySparse(v.Image, id);
            var sizeGiB = Math.Max(1, (new FileInfo(path).Length + Gib - 1) / Gib);
            using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
            {
                RandomAccess.SetLength(file, sizeGiB * Gib);
            }

            return new FakeVolume(id, v.Device, path, sizeGiB, v.KmsKeyId);
        }).ToList();
        var instance = new FakeInstance
        {
            Id = "i-" + Hex17(),
            AccountId = accountId,
            Region = region,
            ImageId = imageId,
            LaunchTime = launchTime,
            PrivateIpAddress = privateIp,
            PublicIpAddress = publicIp,
            Tags = tags,
            Volumes = volumes,
        };
        lock (_gate)
        {
            _instances.Add(instance);
        }

        return instance;
    }

    /// <summary>The instance is terminated and gone from every listing, with its volumes (deleted on termination); its snapshots stay.</summary>
    public void RemoveInstance(FakeInstance instance)
    {
        lock (_gate)
        {
            _instances.RemoveAll(i => i.Id == instance.Id);
        }
    }

    /// <summary>The instance of that id, or null when the cloud holds none.</summary>
    public FakeInstance? Instance(string instanceId)
    {
        lock (_gate)
        {
            return _instances.Find(i => i.Id == instanceId);
        }
    }

    /// <summary>Adds a snapshot the account's own people made (no tags of ours), as another tool would.</summary>
    public FakeSnapshotRecord AddForeignSnapshot(FakeInstance instance, IReadOnlyDictionary<string, string> tags)
    {
        lock (_gate)
        {
            return Snapshot(instance, instance.Volumes[0], tags, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Every pending snapshot reaches the state it is headed for, except those told to stay pending.</summary>
    public void CompletePending()
    {
        lock (_gate)
        {
            foreach (var snapshot in _snapshots.Values.Where(s => s.State == "pending"))
            {
                snapshot.State = snapshot.Outcome switch
                {
                    FakeSnapshotOutcome.Completes => "completed",
                    FakeSnapshotOutcome.Fails => "error",
                    _ => "pending",
                };
            }
        }
    }

    /// <summary>The snapshots an account owns, for tests that check nothing was left behind.</summary>
    public IReadOnlyList<FakeSnapshotRecord> SnapshotsOf(string accountId)
    {
        lock (_gate)
        {
            return [.. _snapshots.Values.Where(s => s.OwnerId == accountId).OrderBy(s => s.Id, StringComparer.Ordinal)];
        }
    }

    public void Dispose()
    {
        Ebs.Dispose();
        _files.Delete(recursive: true);
    }

    private const long Gib = 1024L * 1024 * 1024;

    /// <summary>A point-in-time copy of an image file, sparse (or a reflink) as the local cloud makes its snapshots.</summary>
    private string CopySparse(string image, string id)
    {
        var path = Path.Combine(_files.FullName, id + ".raw");
        FileCloner.Copy(image, path, CancellationToken.None);
        return path;
    }

    private void Deny(string action, string why) => _denials.Enqueue($"{action}: {why}");

    /// <summary>Takes a snapshot of <paramref name="volume"/> now: a sparse copy of its file. Call under the lock.</summary>
    private FakeSnapshotRecord Snapshot(FakeInstance instance, FakeVolume volume, IReadOnlyDictionary<string, string> tags, DateTimeOffset start)
    {
        var id = "snap-" + Hex17();
        var path = CopySparse(volume.ImagePath, id);
        var outcome = Faults.TakeCreationFailure() ? FakeSnapshotOutcome.Fails
            : Faults.TakeStuckPending() ? FakeSnapshotOutcome.StaysPending
            : FakeSnapshotOutcome.Completes;
        var snapshot = new FakeSnapshotRecord
        {
            Id = id,
            OwnerId = instance.AccountId,
            Region = instance.Region,
            Volume = volume,
            ImagePath = path,
            StartTime = start,
            Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
            Outcome = outcome,
            KmsKeyId = volume.KmsKeyId,
        };
        _snapshots[id] = snapshot;
        Ebs.Add(new FakeEbsSnapshot(id, path));
        return snapshot;
    }

    private static string Hex17() => "0" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>An issued session: its keys, the account whose role it is, and its end.</summary>
    /// <summary>A session AssumeRole issued: the role's account, and the role (null for none: the scanning role's own keys).</summary>
    private sealed record FakeSession(AwsCredentials Credentials, string AccountId, FakeTargetAccount? Role, DateTimeOffset Expires);
}
