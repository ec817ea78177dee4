using Amazon.Runtime;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// Our credential source as the SDK's credentials, so the EC2 and STS clients and our EBS direct
/// client sign with the same assumed-role session, refreshed in one place.
/// </summary>
internal sealed class SdkCredentials(IAwsCredentialSource source) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var credentials = await source.GetAsync(CancellationToken.None).ConfigureAwait(false);
        return new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }
}
