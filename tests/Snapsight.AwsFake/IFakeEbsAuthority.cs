using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake;

/// <summary>
/// Who may call the fake EBS endpoint and read what: one fixed key reading everything, or the
/// fake cloud's sessions and policies (<see cref="FakeAwsCloud"/>).
/// </summary>
public interface IFakeEbsAuthority
{
    /// <summary>The credentials of an access key id, or null for an unknown one.</summary>
    AwsCredentials? Credentials(string accessKeyId);

    /// <summary>Why the endpoint refuses requests signed for this region, or null.</summary>
    string? RegionProblem(string region);

    /// <summary>Why <paramref name="caller"/> may not read <paramref name="snapshotId"/> (an EBS error), or null.</summary>
    FakeEbsRefusal? Refusal(SignedCaller caller, string snapshotId);
}

/// <summary>An EBS direct error answer: HTTP status, x-amzn-ErrorType, message and reason.</summary>
public sealed record FakeEbsRefusal(int Status, string Type, string Message, string? Reason = null);

/// <summary>The original fake's authority: one key, one region, every snapshot readable.</summary>
public sealed class SingleKeyEbsAuthority(AwsCredentials credentials, string servedRegion) : IFakeEbsAuthority
{
    public AwsCredentials? Credentials(string accessKeyId) => accessKeyId == credentials.AccessKeyId ? credentials : null;

    public string? RegionProblem(string region) => region == servedRegion ? null : $"region {region} is not this endpoint's ({servedRegion})";

    public FakeEbsRefusal? Refusal(SignedCaller caller, string snapshotId) => null;
}
