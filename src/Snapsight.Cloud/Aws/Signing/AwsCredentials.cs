namespace Snapsight.Cloud.Aws.Signing;

/// <summary>
/// An access key pair, with the session token of temporary (assumed-role) credentials. Never
/// logged: <see cref="ToString"/> names the key id only.
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "none" : "set")} }}";
}
