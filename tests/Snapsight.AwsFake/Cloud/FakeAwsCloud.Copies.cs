using System.Text.RegularExpressions;
using System.Xml.Linq;
using Snapsight.Cloud;
using Snapsight.Cloud.Aws;
using static Snapsight.AwsFake.Cloud.FakeEc2Xml;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// Copy-and-share: EC2 CopySnapshot (same region, re-encrypted under a key, tagged at creation,
/// pending until <see cref="CompletePending"/>), the copy keys the target template creates, and
/// what a key policy lets a role do, which both the copy and EBS reads of encrypted snapshots obey.
/// </summary>
public sealed partial class FakeAwsCloud
{
    private readonly List<FakeKmsKey> _keys = [];

    /// <summary>
    /// Deploys <paramref name="target"/>'s template's copy-and-share part in <paramref name="region"/>: the copy key
    /// with its alias (the subscription's, unless a test names another), its policy naming the target role and its
    /// service account's scanning role, and the target role's CopySnapshot statements (on in the account from then on).
    /// As KMS, refuses an alias KMS would not take, or one the account already has in the region (AlreadyExistsException).
    /// </summary>
    public FakeKmsKey AddCopyKey(FakeTargetAccount target, string region, string? alias = null)
    {
        alias ??= SubscriptionResourceNames.CopyKeyAlias(target.SubscriptionTagValue);
        if (!KmsAliasName().IsMatch(alias) || alias.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            throw new FakeAwsErrorException(400, "ValidationException", $"Alias {alias} must be alias/ and 1 to 250 of letters, digits, /, _ and -, not under alias/aws/");
        }

        var key = new FakeKmsKey { KeyId = Guid.NewGuid().ToString(), AccountId = target.AccountId, Region = region, Alias = alias };
        key.Users.Add(target.RoleArn);
        key.Users.Add(ServiceAccountOf(target).ScanningRoleArn);
        lock (_gate)
        {
            if (_keys.Any(k => k.AccountId == target.AccountId && k.Region == region && k.Alias == alias))
            {
                throw new FakeAwsErrorException(400, "AlreadyExistsException", $"An alias with the name arn:aws:kms:{region}:{target.AccountId}:{alias} already exists");
            }

            _keys.Add(key);
        }

        return key;
    }

    /// <summary>The copy keys of an account, for tests that change a key's policy.</summary>
    public IReadOnlyList<FakeKmsKey> KeysOf(string accountId)
    {
        lock (_gate)
        {
            return [.. _keys.Where(k => k.AccountId == accountId)];
        }
    }

    /// <summary>Statements CopyIntoTaggedSnapshots, DecryptVolumeKeysForCopiesThroughEc2 and the copy key's policy.</summary>
    private XElement CopySnapshot(SignedCaller caller, string account, FakeQuery query)
    {
        if (!_keys.Any(k => k.AccountId == account))
        {
            Deny("CopySnapshot", $"copy-and-share is off in {account} (no copy key, no CopySnapshot statement)");
            throw FakeAwsErrorException.Unauthorized("CopySnapshot");
        }

        if (query["SourceRegion"] != caller.Region)
        {
            throw new FakeAwsErrorException(400, "InvalidParameterValue", $"SourceRegion {query["SourceRegion"]} is not {caller.Region}: only copies within a region are served here");
        }

        var tags = SnapshotTagSpecifications(query);
        if (!IsOurs(caller, tags) || tags.Keys.Any(k => !SnapshotTags.Keys.Contains(k)))
        {
            Deny("CopySnapshot", $"request tags [{string.Join(", ", tags.Select(t => t.Key + "=" + t.Value))}] are not only ours");
            throw FakeAwsErrorException.Unauthorized("CopySnapshot");
        }

        var source = Owned(account, caller.Region, query["SourceSnapshotId"]);
        if (source.State != "completed")
        {
            throw new FakeAwsErrorException(400, "IncorrectState", $"Snapshot {source.Id} is {source.State}: only completed snapshots can be copied.");
        }

        var keyId = query["KmsKeyId"] is { } asked
            ? (FindKey(account, caller.Region, asked) ?? throw new FakeAwsErrorException(400, "InvalidParameterValue", $"The KMS key '{asked}' does not exist.")).Arn
            : source.KmsKeyId;
        if (query["KmsKeyId"] is not null && query["Encrypted"] != "true")
        {
            throw new FakeAwsErrorException(400, "InvalidParameterCombination", "KmsKeyId requires Encrypted to be true.");
        }

        var principal = PrincipalArn(caller);
        foreach (var key in new[] { source.KmsKeyId, keyId }.OfType<string>().Distinct())
        {
            if (KeyRefusal(principal, account, source.OwnerId, key, "kms:CreateGrant") is { } why)
            {
                Deny("CopySnapshot", why);
                throw new FakeAwsErrorException(403, "UnauthorizedOperation", why);
            }
        }

        var id = "snap-" + Hex17();
        var copy = new FakeSnapshotRecord
        {
            Id = id,
            OwnerId = account,
            Region = caller.Region,
            Volume = source.Volume,
            ImagePath = CopySparse(source.ImagePath, id),
            StartTime = DateTimeOffset.UtcNow,
            Tags = tags,
            Outcome = FakeSnapshotOutcome.Completes,
            KmsKeyId = keyId,
            CopiedFrom = source.Id,
        };
        _snapshots[id] = copy;
        Ebs.Add(new FakeEbsSnapshot(id, copy.ImagePath));
        return Response("CopySnapshot", E("snapshotId", id), TagSet(tags));
    }

    /// <summary>A key of the account and region by id, ARN, alias name or alias ARN. Call under the lock.</summary>
    private FakeKmsKey? FindKey(string account, string region, string reference) => _keys.FirstOrDefault(k =>
        k.AccountId == account && k.Region == region
        && (reference == k.KeyId || reference == k.Arn || (k.Alias is not null
            && (reference == k.Alias || reference == $"arn:aws:kms:{region}:{account}:{k.Alias}"))));

    /// <summary>
    /// Why <paramref name="principal"/> (of <paramref name="callerAccount"/>) may not use <paramref name="keyId"/>
    /// through EC2, or null. A copy key allows the roles its policy names; any other key (the default EBS key,
    /// a customer's own) is usable by its account's roles only, unless a test made its policy refuse them.
    /// </summary>
    private string? KeyRefusal(string principal, string callerAccount, string keyAccount, string keyId, string action)
    {
        FakeKmsKey? copyKey;
        lock (_gate)
        {
            copyKey = _keys.FirstOrDefault(k => k.Arn == keyId || k.KeyId == keyId);
        }

        var allowed = !Faults.KeysRefusingDecrypt.ContainsKey(keyId)
            && (copyKey is not null ? copyKey.Users.Contains(principal) : callerAccount == keyAccount);
        return allowed ? null
            : $"User: {principal} is not authorized to perform: {action} on resource: {copyKey?.Arn ?? keyId} because no resource-based policy allows the {action} action";
    }

    /// <summary>The role a caller acts as: a target role, or a service account's scanning role.</summary>
    private string PrincipalArn(SignedCaller caller) => Role(caller)?.RoleArn ?? Scanner(caller.AccessKeyId).ScanningRoleArn;

    /// <summary>KMS's rule for alias names (CreateAlias): alias/ then letters, digits, /, _ and -, 256 characters in all.</summary>
    [GeneratedRegex(@"^alias/[A-Za-z0-9/_-]{1,250}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KmsAliasName();
}
