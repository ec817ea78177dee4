namespace Snapsight.Cloud.Aws.Signing;

/// <summary>Always the same credentials (an access key of the service account, or a test's).</summary>
public sealed class FixedCredentialSource(AwsCredentials credentials) : IAwsCredentialSource
{
    public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
