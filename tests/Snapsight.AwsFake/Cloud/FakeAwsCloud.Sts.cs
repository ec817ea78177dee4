using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Xml.Linq;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// STS AssumeRole as the target role's trust policy and the scanning role's AssumeTargetRoles statement allow it,
/// and GetCallerIdentity, which AWS answers any valid credentials without a permission.
/// </summary>
public sealed partial class FakeAwsCloud
{
    public static readonly XNamespace StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly ConcurrentQueue<string> _assumedRoles = new();

    /// <summary>The target role of every AssumeRole granted, in order: which roles a flow acted as.</summary>
    public IReadOnlyList<string> AssumedRoles => [.. _assumedRoles];

    /// <summary>Answers an STS Query request from <paramref name="caller"/>, or throws <see cref="FakeAwsErrorException"/>.</summary>
    public XElement Sts(SignedCaller caller, FakeQuery query)
    {
        if (query.Action == "GetCallerIdentity")
        {
            return CallerIdentity(caller);
        }

        if (query.Action != "AssumeRole")
        {
            throw new FakeAwsErrorException(400, "InvalidAction", $"Could not find operation {query.Action} for version 2011-06-15");
        }

        Interlocked.Increment(ref _assumeRoleCalls);
        var roleArn = query["RoleArn"] ?? "";
        var (callerAccount, isTarget) = Identity(caller.AccessKeyId);
        FakeTargetAccount? target;
        lock (_gate)
        {
            target = _targets.GetValueOrDefault(roleArn);
        }

        // The scanning role may assume /snapsight/ roles only, from its own regions; the target role trusts
        // only its subscription's scanning role, and only with its external ID.
        var refusal = isTarget ? "a target role's session cannot assume roles"
            : !ServiceRegions.Contains(caller.Region) ? $"sts in region {caller.Region} is outside the scanning role's regions"
            : target is null ? $"no role {roleArn} trusts the scanning role"
            : ServiceAccountOf(target) != Scanner(caller.AccessKeyId) ? $"{roleArn} trusts {ServiceAccountOf(target).ScanningRoleArn}, not {Scanner(caller.AccessKeyId).ScanningRoleArn}"
            : query["ExternalId"] != target.ExternalId ? "the external ID does not match the role's trust policy"
            : null;
        if (refusal is not null)
        {
            Deny("sts:AssumeRole", refusal);
            throw new FakeAwsErrorException(403, "AccessDenied",
                $"User: arn:aws:sts::{callerAccount}:assumed-role/snapsight-scanning/i-0 is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var duration = TimeSpan.FromSeconds(query.Int("DurationSeconds") ?? 3600);
        if (duration < TimeSpan.FromMinutes(15) || duration > MaxSessionDuration)
        {
            throw new FakeAwsErrorException(400, "ValidationError", $"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        _assumedRoles.Enqueue(target!.RoleArn);
        var credentials = new AwsCredentials(
            "ASIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            "FwoGZXIvYXdzE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        var expires = Clock.GetUtcNow() + duration;
        _sessions[credentials.AccessKeyId] = new FakeSession(credentials, target!.AccountId, target, expires);
        var session = query["RoleSessionName"] ?? "";
        return new XElement(StsNamespace + "AssumeRoleResponse",
            new XElement(StsNamespace + "AssumeRoleResult",
                new XElement(StsNamespace + "Credentials",
                    new XElement(StsNamespace + "AccessKeyId", credentials.AccessKeyId),
                    new XElement(StsNamespace + "SecretAccessKey", credentials.SecretAccessKey),
                    new XElement(StsNamespace + "SessionToken", credentials.SessionToken),
                    new XElement(StsNamespace + "Expiration", FakeEc2Xml.Time(expires))),
                new XElement(StsNamespace + "AssumedRoleUser",
                    new XElement(StsNamespace + "Arn", $"arn:aws:sts::{target.AccountId}:assumed-role/{target.RoleArn[(target.RoleArn.LastIndexOf('/') + 1)..]}/{session}"),
                    new XElement(StsNamespace + "AssumedRoleId", $"AROAFAKETARGETROLE:{session}"))),
            new XElement(StsNamespace + "ResponseMetadata", new XElement(StsNamespace + "RequestId", Guid.NewGuid())));
    }

    private XElement CallerIdentity(SignedCaller caller)
    {
        var (account, isTarget) = Identity(caller.AccessKeyId);
        var arn = isTarget ? $"arn:aws:sts::{account}:assumed-role/snapsight-target/session" : $"arn:aws:sts::{account}:assumed-role/snapsight-scanning/i-0";
        return new XElement(StsNamespace + "GetCallerIdentityResponse",
            new XElement(StsNamespace + "GetCallerIdentityResult",
                new XElement(StsNamespace + "Arn", arn),
                new XElement(StsNamespace + "UserId", "AROAFAKE:" + caller.AccessKeyId),
                new XElement(StsNamespace + "Account", account)),
            new XElement(StsNamespace + "ResponseMetadata", new XElement(StsNamespace + "RequestId", Guid.NewGuid())));
    }

    /// <summary>An STS error: ErrorResponse/Error with Type, Code and Message, in the STS namespace.</summary>
    public static XElement StsError(string code, string message) =>
        new(StsNamespace + "ErrorResponse",
            new XElement(StsNamespace + "Error", new XElement(StsNamespace + "Type", "Sender"), new XElement(StsNamespace + "Code", code), new XElement(StsNamespace + "Message", message)),
            new XElement(StsNamespace + "RequestId", Guid.NewGuid()));
}
